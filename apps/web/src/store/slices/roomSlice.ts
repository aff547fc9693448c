import { type ErrorCode, isErrorCode } from '@meshwork/protocol';
import { errorText } from '../../i18n/errorText';
import { DISPLAY_NAME_KEY, errorCodeOf, requireSession, type StoreDeps } from '../deps';
import type { AppStore, GetStore, SetStore } from '../types';

/** The room this person is in or joining: session facts, the join and leave, room settings. */
export type RoomSlice = Pick<
  AppStore,
  | 'status'
  | 'statusDetail'
  | 'room'
  | 'plan'
  | 'linkStates'
  | 'names'
  | 'displayName'
  | 'roomId'
  | 'joinError'
  | 'needsPassword'
  | 'joining'
  | 'topologyRequest'
  | 'setDisplayName'
  | 'join'
  | 'leave'
  | 'retryNow'
  | 'setTopology'
  | 'setAudioRouting'
  | 'setHub'
  | 'shutdown'
>;

function joinErrorOf(error: unknown): ErrorCode | 'ERR_UNREACHABLE' {
  const code = errorCodeOf(error);
  return code === 'ERR_UNREACHABLE' || isErrorCode(code) ? code : 'ERR_INTERNAL';
}

function rememberedName(storage: StoreDeps['storage']): string {
  try {
    return storage?.getItem(DISPLAY_NAME_KEY) ?? '';
  } catch {
    // Storage can be blocked (private mode); the name is then simply not remembered.
    return '';
  }
}

/** Creates the room slice; sessions come from the host, one fresh session per join. */
export function createRoomSlice(set: SetStore, get: GetStore, deps: StoreDeps): RoomSlice {
  const { sessions } = deps;

  return {
    status: 'idle',
    statusDetail: null,
    room: null,
    plan: null,
    linkStates: new Map(),
    names: new Map(),
    displayName: rememberedName(deps.storage),
    roomId: null,
    joinError: null,
    needsPassword: false,
    joining: false,
    topologyRequest: null,

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
        const session = await sessions.open();
        // Read after the await: the camera may have been granted while the session loaded.
        const { displayName, local } = get();
        const hasAudio = (local.stream?.getAudioTracks().length ?? 0) > 0;
        const hasVideo = (local.stream?.getVideoTracks().length ?? 0) > 0;
        // Handing the streams over first lets the very first plan carry them.
        if (local.stream) session.setLocalStream('cam', local.stream);
        if (local.screen) session.setLocalStream('screen', local.screen);
        session.setUplinkBudget(get().uplinkKbps);
        await session.join({
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
      // The recording ends with the call and is saved before the media goes.
      await get().stopRecording();
      get().stopLocalMedia();
      set({ pinned: null, activeSpeaker: null, panel: null, settingsOpen: false });
      try {
        await sessions.leave();
      } finally {
        set({ status: 'left', remoteStreams: new Map(), linkStates: new Map() });
      }
    },

    retryNow() {
      sessions.current?.retryNow();
    },

    async setTopology(topology) {
      set({ topologyRequest: { topology, pending: true, error: null } });
      try {
        await requireSession(sessions).setTopology(topology);
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

    async setAudioRouting(audioRouting) {
      const topology = get().room?.settings.topology ?? 'mesh';
      try {
        await requireSession(sessions).setTopology(topology, audioRouting);
        return null;
      } catch (error) {
        return errorCodeOf(error);
      }
    },

    async setHub(hub) {
      try {
        await requireSession(sessions).setHub(hub);
      } catch (error) {
        const m = deps.messages();
        get().announce(m.announce.hubNotChanged(errorText(m, errorCodeOf(error))));
      }
    },

    shutdown() {
      sessions.shutdown();
      get().stopLocalMedia();
    },
  };
}
