import { isolate } from '../../format/bidi';
import { errorText } from '../../i18n/errorText';
import { nameOf } from '../announcements';
import { errorCodeOf, requireSession, type StoreDeps } from '../deps';
import type { AppStore, GetStore, SetStore } from '../types';

/** What the room's host can ask for (SPEC [P15]); the server refuses anyone else. */
export type HostSlice = Pick<
  AppStore,
  'lobby' | 'updateRoom' | 'removePeer' | 'transferHost' | 'answerLobby'
>;

/**
 * Creates the host slice. The room's new settings arrive as a room update, so nothing is set
 * here; a refusal (`ERR_NOT_HOST`, ...) is announced with its code.
 */
export function createHostSlice(_set: SetStore, get: GetStore, deps: StoreDeps): HostSlice {
  const session = () => requireSession(deps.sessions);
  return {
    lobby: [],

    async updateRoom(req) {
      try {
        await session().updateRoom(req);
        return true;
      } catch (error) {
        const m = deps.messages();
        get().announce(m.announce.roomNotChanged(errorText(m, errorCodeOf(error))));
        return false;
      }
    },

    async removePeer(peer) {
      try {
        await session().removePeer(peer);
      } catch (error) {
        const m = deps.messages();
        const who = isolate(nameOf(get(), peer, m));
        get().announce(m.announce.notRemoved(who, errorText(m, errorCodeOf(error))));
      }
    },

    async transferHost(peer) {
      try {
        await session().transferHost(peer);
      } catch (error) {
        const m = deps.messages();
        const who = isolate(nameOf(get(), peer, m));
        get().announce(m.announce.notMadeHost(who, errorText(m, errorCodeOf(error))));
      }
    },

    async answerLobby(id, admit) {
      const m = deps.messages();
      const who = isolate(get().lobby.find((w) => w.id === id)?.displayName ?? m.common.someone);
      try {
        await session().answerLobby(id, admit);
      } catch (error) {
        const reason = errorText(m, errorCodeOf(error));
        get().announce(
          admit ? m.announce.notLetIn(who, reason) : m.announce.notTurnedAway(who, reason),
        );
      }
    },
  };
}
