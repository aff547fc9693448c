import { isolate } from '../../format/bidi';
import { withAnnouncements } from '../announcements';
import type { FeedReducers } from '../types';

/** Who waits in the lobby (SPEC [P25]); the host hears of each newcomer. */
export const lobbyFeed: Pick<FeedReducers, 'lobbyChanged'> = {
  lobbyChanged(state, { waiting }, m) {
    const before = new Set(state.lobby.map((w) => w.id));
    const host = state.room !== null && state.room.settings.hostId === state.room.selfId;
    const texts = host
      ? waiting
          .filter((w) => !before.has(w.id))
          .map((w) => m.announce.asking(isolate(w.displayName)))
      : [];
    return { lobby: waiting, ...withAnnouncements(state, texts) };
  },
};
