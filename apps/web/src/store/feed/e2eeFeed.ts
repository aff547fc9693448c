import type { FeedReducers } from '../types';

/**
 * Frame counts of end-to-end encryption (SPEC [P31]): an origin is undecryptable from the report
 * its frames fail to open while none of them opened, until one opens again.
 */
export const e2eeFeed: Pick<FeedReducers, 'framesCounted'> = {
  framesCounted(state, counts) {
    const before = state.frameCounts;
    const opened = (origin: string) =>
      (counts.decrypted[origin] ?? 0) > (before?.decrypted[origin] ?? 0);
    const failing = Object.keys(counts.failed).filter(
      (origin) =>
        (counts.failed[origin] ?? 0) > (before?.failed[origin] ?? 0) &&
        !opened(origin) &&
        state.room?.peers.some((p) => p.id === origin),
    );
    const kept = state.undecryptable.filter(
      (origin) => !opened(origin) && state.room?.peers.some((p) => p.id === origin),
    );
    const undecryptable = [...kept, ...failing.filter((o) => !kept.includes(o))];
    const same =
      undecryptable.length === state.undecryptable.length &&
      undecryptable.every((o, i) => state.undecryptable[i] === o);
    return { frameCounts: counts, ...(same ? {} : { undecryptable }) };
  },
};
