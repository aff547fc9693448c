import { isolate } from '../../format/bidi';
import { errorText } from '../../i18n/errorText';
import { nameOf } from '../announcements';
import { errorCodeOf, requireSession, type StoreDeps } from '../deps';
import type { AppStore, GetStore, SetStore } from '../types';

/** Hands and reactions (SPEC [P26]): the room's state arrives through the feed. */
export type HandsSlice = Pick<
  AppStore,
  'hands' | 'reactions' | 'raiseHand' | 'lowerHand' | 'react'
>;

/** Creates the hands slice; a refusal is announced with its code. */
export function createHandsSlice(_set: SetStore, get: GetStore, deps: StoreDeps): HandsSlice {
  const session = () => requireSession(deps.sessions);
  return {
    hands: [],
    reactions: [],

    async raiseHand(raised) {
      try {
        await session().raiseHand(raised);
      } catch (error) {
        const m = deps.messages();
        const reason = errorText(m, errorCodeOf(error));
        get().announce(
          raised ? m.announce.handNotRaised(reason) : m.announce.handNotLowered(reason),
        );
      }
    },

    async lowerHand(peer) {
      try {
        await session().lowerHand(peer);
      } catch (error) {
        const m = deps.messages();
        const who = isolate(nameOf(get(), peer, m));
        get().announce(m.announce.othersHandNotLowered(who, errorText(m, errorCodeOf(error))));
      }
    },

    async react(reaction) {
      try {
        await session().react(reaction);
      } catch (error) {
        const code = errorCodeOf(error);
        const m = deps.messages();
        get().announce(
          code === 'ERR_RATE_LIMITED'
            ? m.announce.tooManyReactions
            : m.announce.reactionNotSent(errorText(m, code)),
        );
      }
    },
  };
}
