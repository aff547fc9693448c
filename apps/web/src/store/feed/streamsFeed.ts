import { streamKeyOf } from '@meshwork/mesh/runtime';
import type { FeedReducers } from '../types';

/** Remote streams arriving, changing route, and going away; one entry per (origin, key). */
export const streamsFeed: Pick<FeedReducers, 'remoteStreamChanged' | 'remoteStreamRemoved'> = {
  remoteStreamChanged(state, { origin, key, stream, route }) {
    const next = new Map(state.remoteStreams);
    next.set(streamKeyOf(origin, key), { origin, key, stream, route });
    return { remoteStreams: next };
  },

  remoteStreamRemoved(state, { origin, key }) {
    const id = streamKeyOf(origin, key);
    if (!state.remoteStreams.has(id)) return null;
    const next = new Map(state.remoteStreams);
    next.delete(id);
    return { remoteStreams: next, pinned: state.pinned === id ? null : state.pinned };
  },
};
