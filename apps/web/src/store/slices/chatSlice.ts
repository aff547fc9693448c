import type { ChatMessage } from '@meshwork/mesh/runtime';
import { errorCodeOf, type StoreDeps } from '../deps';
import type { AppStore, GetStore, SetStore } from '../types';

/** Chat messages and files shared in the room, and the unread count. */
export type ChatSlice = Pick<AppStore, 'chat' | 'files' | 'unreadChat' | 'sendChat' | 'sendFile'>;

function isChatMessage(value: unknown): value is ChatMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof Reflect.get(value, 'id') === 'string' &&
    typeof Reflect.get(value, 'text') === 'string'
  );
}

/** Creates the chat and files slice; sending goes through the current session. */
export function createChatSlice(_set: SetStore, get: GetStore, deps: StoreDeps): ChatSlice {
  const { sessions } = deps;
  return {
    chat: [],
    files: new Map(),
    unreadChat: 0,

    sendChat(text) {
      const trimmed = text.trim();
      const session = sessions.current;
      if (!trimmed || !session) return;
      try {
        // The mesh does not echo our own message back; the returned message is the echo.
        const sent: unknown = session.sendChat(trimmed);
        if (isChatMessage(sent)) get().feed.chatReceived(sent);
      } catch (error) {
        get().announce(`The message could not be sent (${errorCodeOf(error)})`);
      }
    },

    async sendFile(file) {
      const data = new Uint8Array(await file.arrayBuffer());
      try {
        const session = sessions.current;
        if (!session) throw new Error('No session: join a room first');
        await session.sendFile({
          name: file.name,
          mimeType: file.type || 'application/octet-stream',
          data,
        });
      } catch (error) {
        get().announce(`${file.name} could not be sent (${errorCodeOf(error)})`);
      }
    },
  };
}
