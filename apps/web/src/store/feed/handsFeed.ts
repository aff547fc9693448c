import { isolate } from '../../format/bidi';
import { REACTION_EMOJI } from '../../labels';
import { nameOf, withAnnouncements } from '../announcements';
import type { FeedReducers } from '../types';

/** How many recent reactions the store keeps (each tile shows only its origin's latest). */
export const MAX_REACTIONS = 20;

/** Raised hands and reactions (SPEC [P26]). */
export const handsFeed: Pick<FeedReducers, 'handsChanged' | 'reacted'> = {
  handsChanged(state, { hands }, m) {
    const before = new Set(state.hands);
    const self = state.room?.selfId;
    const texts = hands
      .filter((id) => !before.has(id) && id !== self)
      .map((id) => m.announce.raisedHand(isolate(nameOf(state, id, m))));
    return { hands: [...hands], ...withAnnouncements(state, texts) };
  },

  reacted(state, { peerId, reaction }) {
    // The server only relays known reactions; a page still shows nothing it has no label for.
    if (!Object.hasOwn(REACTION_EMOJI, reaction)) return null;
    if (!state.room?.peers.some((p) => p.id === peerId)) return null;
    const id = (state.reactions.at(-1)?.id ?? 0) + 1;
    const reactions = [...state.reactions, { id, peer: peerId, reaction }].slice(-MAX_REACTIONS);
    return { reactions };
  },
};
