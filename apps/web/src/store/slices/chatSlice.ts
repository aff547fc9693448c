import { DOWNLOAD_MIME_TYPE } from '../../files/saveBlob';
import { isolate } from '../../format/bidi';
import { errorText } from '../../i18n/errorText';
import { errorCodeOf, requireSession, type StoreDeps } from '../deps';
import { releaseFile } from '../feed/heldFiles';
import type { AppStore, GetStore, SetStore } from '../types';

/** Chat messages and files shared in the room, and the unread count. */
export type ChatSlice = Pick<
  AppStore,
  'chat' | 'files' | 'unreadChat' | 'sendChat' | 'sendFile' | 'saveFile'
>;

/** Creates the chat and files slice; sending goes through the current session. */
export function createChatSlice(set: SetStore, get: GetStore, deps: StoreDeps): ChatSlice {
  const { sessions } = deps;
  return {
    chat: [],
    files: new Map(),
    unreadChat: 0,

    async sendChat(text) {
      const trimmed = text.trim();
      const session = sessions.current;
      if (!trimmed || !session) return;
      try {
        // The session signs before sending; the mesh does not echo our own message back, so
        // the resolved message is the echo.
        get().feed.chatReceived(await session.sendChat(trimmed));
      } catch (error) {
        const m = deps.messages();
        get().announce(m.announce.chatNotSent(errorText(m, errorCodeOf(error))));
      }
    },

    async sendFile(file) {
      const data = new Uint8Array(await file.arrayBuffer());
      try {
        await requireSession(sessions).sendFile({
          name: file.name,
          mimeType: file.type || 'application/octet-stream',
          data,
        });
      } catch (error) {
        const m = deps.messages();
        get().announce(
          m.announce.fileNotSent(isolate(file.name), errorText(m, errorCodeOf(error))),
        );
      }
    },

    saveFile(transferId) {
      const entry = get().files.get(transferId);
      const data = entry?.received?.data;
      if (!entry || !data || !deps.saveFile) return;
      // Received files are assembled in a plain ArrayBuffer, never a shared one.
      const blob = new Blob([data as Uint8Array<ArrayBuffer>], { type: DOWNLOAD_MIME_TYPE });
      deps.saveFile(blob, entry.name);
      // The download holds its own copy now; the store lets go of the bytes.
      const files = releaseFile(get().files, transferId, 'saved');
      if (files) set({ files });
    },
  };
}
