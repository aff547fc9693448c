import type { StoreDeps } from '../deps';
import type { AppStore, GetStore, SetStore } from '../types';

/** What the call shows: remote streams, the pinned tile, the active speaker and link numbers. */
export type CallSlice = Pick<
  AppStore,
  | 'remoteStreams'
  | 'pinned'
  | 'activeSpeaker'
  | 'pin'
  | 'setActiveSpeaker'
  | 'subscribeStats'
  | 'latestStats'
>;

/** Creates the call slice; link numbers pass through from the session host, never into state. */
export function createCallSlice(set: SetStore, get: GetStore, deps: StoreDeps): CallSlice {
  const { stats } = deps.sessions;
  return {
    remoteStreams: new Map(),
    pinned: null,
    activeSpeaker: null,

    pin(tileId) {
      set({ pinned: get().pinned === tileId ? null : tileId });
    },
    setActiveSpeaker(activeSpeaker) {
      if (get().activeSpeaker !== activeSpeaker) set({ activeSpeaker });
    },
    subscribeStats(listener) {
      return stats.subscribe(listener);
    },
    latestStats() {
      return stats.latest;
    },
  };
}
