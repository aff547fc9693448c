import { isolate } from '../../format/bidi';
import { nameOf, withAnnouncements } from '../announcements';
import type { FeedReducers } from '../types';

/**
 * Who records the call (SPEC [P29]): kept in the order they started, and each start and stop
 * by someone else is announced (a toast, and the screen reader's live region).
 */
export const recordingFeed: Pick<FeedReducers, 'recordingChanged'> = {
  recordingChanged(state, { recorders }, m) {
    const self = state.room?.selfId;
    const inRoom = new Set(state.room?.peers.map((p) => p.id) ?? []);
    // Only people in the room are shown as recording.
    const next = recorders.filter((id, i) => inRoom.has(id) && recorders.indexOf(id) === i);
    const before = new Set(state.recorders);
    const after = new Set(next);
    const name = (id: string) => isolate(nameOf(state, id, m));
    const texts = [
      ...next
        .filter((id) => !before.has(id) && id !== self)
        .map((id) => m.recording.started(name(id))),
      ...state.recorders
        .filter((id) => !after.has(id) && id !== self && inRoom.has(id))
        .map((id) => m.recording.stopped(name(id))),
    ];
    return { recorders: next, ...withAnnouncements(state, texts) };
  },
};
