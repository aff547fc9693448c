import { isolate } from '../../format/bidi';
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
        const what = raised ? 'raised' : 'lowered';
        get().announce(`Your hand could not be ${what} (${errorCodeOf(error)})`);
      }
    },

    async lowerHand(peer) {
      try {
        await session().lowerHand(peer);
      } catch (error) {
        const who = isolate(nameOf(get(), peer));
        get().announce(`${who}'s hand could not be lowered (${errorCodeOf(error)})`);
      }
    },

    async react(reaction) {
      try {
        await session().react(reaction);
      } catch (error) {
        const code = errorCodeOf(error);
        get().announce(
          code === 'ERR_RATE_LIMITED'
            ? 'Too many reactions; wait a moment'
            : `The reaction could not be sent (${code})`,
        );
      }
    },
  };
}
