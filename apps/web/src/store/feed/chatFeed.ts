import { isolate } from '../../format/bidi';
import { nameOf, withAnnouncements } from '../announcements';
import type { FeedReducers, FileEntry } from '../types';
import { withinHeldLimit } from './heldFiles';

/** How many chat messages are kept. */
export const MAX_CHAT = 500;

/** Chat messages and files: each arrives once, and unread messages are counted. */
export const chatFeed: Pick<FeedReducers, 'chatReceived' | 'fileProgressed' | 'fileReceived'> = {
  chatReceived(state, message) {
    if (state.chat.some((m) => m.id === message.id)) return null;
    const fromOther = message.origin !== state.room?.selfId;
    return {
      chat: [...state.chat, message].slice(-MAX_CHAT),
      unreadChat: fromOther && state.panel !== 'chat' ? state.unreadChat + 1 : state.unreadChat,
    };
  },

  fileProgressed(state, progress) {
    const files = new Map(state.files);
    const entry: FileEntry = { ...files.get(progress.transferId), ...progress };
    files.set(progress.transferId, entry);
    return { files };
  },

  fileReceived(state, { transferId, origin, name, size, sha256, data }, m) {
    // The sender's MIME type is not kept: files are only ever offered as opaque downloads.
    const files = new Map(state.files);
    // Re-inserted last, so arrival order is eviction order.
    files.delete(transferId);
    files.set(transferId, {
      transferId,
      origin,
      name,
      size,
      bytes: size,
      direction: 'receive',
      received: { sha256, data, released: null },
    });
    return {
      files: withinHeldLimit(files),
      ...withAnnouncements(state, [
        m.announce.shared(isolate(nameOf(state, origin, m)), isolate(name)),
      ]),
    };
  },
};
