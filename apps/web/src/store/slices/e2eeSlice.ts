import type { StoreDeps } from '../deps';
import type { AppStore, GetStore, SetStore } from '../types';

/** End-to-end encryption (SPEC [P31]): frame counts come through the feed. */
export type E2eeSlice = Pick<AppStore, 'frameCounts' | 'undecryptable' | 'setEndToEndEncryption'>;

/** Creates the end-to-end encryption slice; the switch is the host's room setting. */
export function createE2eeSlice(_set: SetStore, get: GetStore, _deps: StoreDeps): E2eeSlice {
  return {
    frameCounts: null,
    undecryptable: [],
    setEndToEndEncryption(on) {
      return get().updateRoom({ e2ee: on });
    },
  };
}
