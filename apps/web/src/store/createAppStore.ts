import type { ErrorCode } from '@meshwork/protocol';
import { isErrorCode } from '@meshwork/protocol';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { connectBridge } from '../session/bridge';
import type { AppSession } from '../session/types';
import type { AppActions } from './actions';
import { type AppDeps, DISPLAY_NAME_KEY, errorCodeOf } from './deps';
import { createFeed, withAnnouncement } from './feed';
import { initialState } from './initialState';
import { createMediaActions } from './mediaActions';
import type { AppState } from './types';

/** State and actions together, as components select them. */
export type AppStore = AppState & AppActions;

/** A vanilla zustand store for one page; provided to components through StoreProvider. */
export type AppStoreApi = StoreApi<AppStore>;

function joinErrorOf(error: unknown): ErrorCode | 'ERR_UNREACHABLE' {
  const code = errorCodeOf(error);
  return code === 'ERR_UNREACHABLE' || isErrorCode(code) ? code : 'ERR_INTERNAL';
}

/** Creates the app store over injected side effects (session factory, media, storage, clipboard). */
export function createAppStore(deps: AppDeps): AppStoreApi {
  // The current session and its bridge. A session joins once, so each join makes a new one.
  let session: AppSession | null = null;
  let disconnect: (() => void) | null = null;

  return createStore<AppStore>()((set, get, api) => {
    const freshSession = async (): Promise<AppSession> => {
      disconnect?.();
      disconnect = null;
      session?.close();
      session = null;
      const next = await deps.createSession();
      session = next;
      disconnect = connectBridge(next, api);
      return next;
    };
    const requireSession = (): AppSession => {
      if (!session) throw new Error('No session: join a room first');
      return session;
    };

    return {
      ...initialState(deps),
      feed: createFeed(set, get),
      ...createMediaActions(set, get, deps, () => session),

      setDisplayName(displayName) {
        set({ displayName });
        try {
          deps.storage?.setItem(DISPLAY_NAME_KEY, displayName.trim());
        } catch {
          // Not remembering the name is fine.
        }
      },

      async join(roomId, password) {
        set({ joining: true, joinError: null, roomId, chat: [], files: new Map(), unreadChat: 0 });
        try {
          const s = await freshSession();
          // Read after the await: the camera may have been granted while the session loaded.
          const { displayName, local } = get();
          const hasAudio = (local.stream?.getAudioTracks().length ?? 0) > 0;
          const hasVideo = (local.stream?.getVideoTracks().length ?? 0) > 0;
          // Handing the streams over first lets the very first plan carry them.
          if (local.stream) s.setLocalStream('cam', local.stream);
          if (local.screen) s.setLocalStream('screen', local.screen);
          await s.join({
            roomId,
            displayName: displayName.trim(),
            ...(password ? { password } : {}),
            media: {
              audio: local.audio && hasAudio,
              video: local.video && hasVideo,
              screen: local.screen !== null,
            },
          });
          set({ joining: false, needsPassword: false, joinError: null });
        } catch (error) {
          const code = joinErrorOf(error);
          set({
            joining: false,
            joinError: code,
            needsPassword: get().needsPassword || code === 'ERR_AUTH_FAILED',
          });
        }
      },

      async leave() {
        get().stopLocalMedia();
        set({ pinned: null, activeSpeaker: null, panel: null, settingsOpen: false });
        try {
          await session?.leave();
        } finally {
          set({ status: 'left', remoteStreams: new Map(), linkStates: new Map() });
        }
      },

      async setTopology(topology) {
        set({ topologyRequest: { topology, pending: true, error: null } });
        try {
          await requireSession().setTopology(topology);
          const req = get().topologyRequest;
          // The room may already run it (the broadcast can beat the ack); else wait for it.
          if (req?.topology === topology) {
            const running = get().room?.settings.topology === topology;
            set({ topologyRequest: running ? null : { ...req, pending: false } });
          }
        } catch (error) {
          set({ topologyRequest: { topology, pending: false, error: errorCodeOf(error) } });
        }
      },

      async setHub(hub) {
        try {
          await requireSession().setHub(hub);
        } catch (error) {
          get().announce(`The hub could not be changed (${errorCodeOf(error)})`);
        }
      },

      sendChat(text) {
        const trimmed = text.trim();
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
          await requireSession().sendFile({
            name: file.name,
            mimeType: file.type || 'application/octet-stream',
            data,
          });
        } catch (error) {
          get().announce(`${file.name} could not be sent (${errorCodeOf(error)})`);
        }
      },

      pin(tileId) {
        set({ pinned: get().pinned === tileId ? null : tileId });
      },
      setActiveSpeaker(activeSpeaker) {
        if (get().activeSpeaker !== activeSpeaker) set({ activeSpeaker });
      },
      togglePanel(panel) {
        const open = get().panel === panel ? null : panel;
        set({ panel: open, ...(open === 'chat' ? { unreadChat: 0 } : {}) });
      },
      closePanel() {
        set({ panel: null });
      },
      setSettingsOpen(settingsOpen) {
        set({ settingsOpen });
      },
      announce(text) {
        set({ announcements: withAnnouncement(get().announcements, text) });
      },
      dismissAnnouncement(id) {
        set({ announcements: get().announcements.filter((a) => a.id !== id) });
      },
      async copyInvite() {
        const roomId = get().roomId;
        if (!roomId || !deps.copyText || !deps.inviteUrl) return false;
        try {
          await deps.copyText(deps.inviteUrl(roomId));
          get().announce('Invite link copied');
          return true;
        } catch {
          get().announce('The invite link could not be copied');
          return false;
        }
      },
      async getStats() {
        return (await session?.getStats()) ?? [];
      },
      createLevelMeter() {
        return deps.media.createLevelMeter();
      },
      shutdown() {
        disconnect?.();
        disconnect = null;
        void session?.leave();
        get().stopLocalMedia();
      },
    };
  });
}

function isChatMessage(value: unknown): value is AppStore['chat'][number] {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof Reflect.get(value, 'id') === 'string' &&
    typeof Reflect.get(value, 'text') === 'string'
  );
}
