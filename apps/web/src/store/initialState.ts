import { type AppDeps, DISPLAY_NAME_KEY } from './deps';
import type { AppState } from './types';

/** The state a fresh page starts with; the remembered name comes from storage. */
export function initialState(deps: AppDeps): AppState {
  let displayName = '';
  try {
    displayName = deps.storage?.getItem(DISPLAY_NAME_KEY) ?? '';
  } catch {
    // Storage can be blocked (private mode); the name is then simply not remembered.
  }
  return {
    status: 'idle',
    statusDetail: null,
    room: null,
    plan: null,
    remoteStreams: new Map(),
    linkStates: new Map(),
    chat: [],
    files: new Map(),
    announcements: [],
    names: new Map(),
    displayName,
    roomId: null,
    joinError: null,
    needsPassword: false,
    joining: false,
    local: {
      stream: null,
      screen: null,
      audio: true,
      video: true,
      problems: { audio: null, video: null },
      devices: [],
      audioDeviceId: null,
      videoDeviceId: null,
      acquiring: false,
    },
    pinned: null,
    activeSpeaker: null,
    panel: null,
    settingsOpen: false,
    unreadChat: 0,
    topologyRequest: null,
  };
}
