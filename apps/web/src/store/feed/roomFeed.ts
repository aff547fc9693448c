import { streamKeyOf } from '@meshwork/mesh/runtime';
import type { PeerId } from '@meshwork/protocol';
import { isolate } from '../../format/bidi';
import type { Messages } from '../../i18n/messages';
import type { RoomView } from '../../session/types';
import { plannedTopology } from '../../topology/auto';
import { nameOf, withAnnouncements } from '../announcements';
import type { AppState, FeedReducers } from '../types';

/** What changed among the peers and the topology between two views of one room, in words. */
export function roomAnnouncements(
  prev: RoomView | null,
  next: RoomView,
  names: ReadonlyMap<PeerId, string>,
  m: Messages,
): string[] {
  if (!prev || prev.roomId !== next.roomId) return [];
  const out: string[] = [];
  const before = new Map(prev.peers.map((p) => [p.id, p]));
  for (const peer of next.peers) {
    const old = before.get(peer.id);
    if (!old) {
      if (peer.id !== next.selfId) out.push(m.announce.joined(isolate(peer.displayName)));
    } else if (old.connected && !peer.connected) {
      out.push(m.announce.lostConnection(isolate(names.get(peer.id) ?? peer.displayName)));
    } else if (!old.connected && peer.connected) {
      out.push(m.announce.back(isolate(peer.displayName)));
    }
  }
  const [was, now] = [plannedTopology(prev.settings), plannedTopology(next.settings)];
  if (was !== now || prev.settings.topology !== next.settings.topology) {
    const label = m.common.topology[now];
    out.push(
      next.settings.topology === 'auto' ? m.auto.changed(label) : m.announce.topologyChanged(label),
    );
  }
  return [...out, ...settingsAnnouncements(prev, next, names, m)];
}

/** The host, the lock and the policy changing, in words (SPEC [P15]). */
function settingsAnnouncements(
  prev: RoomView,
  next: RoomView,
  names: ReadonlyMap<PeerId, string>,
  m: Messages,
): string[] {
  const out: string[] = [];
  const host = next.settings.hostId;
  if (host && host !== prev.settings.hostId) {
    out.push(
      host === next.selfId
        ? m.announce.youHost
        : m.announce.nowHost(isolate(nameOf({ names }, host, m))),
    );
  }
  if (prev.settings.locked !== next.settings.locked) {
    out.push(next.settings.locked ? m.announce.locked : m.announce.unlocked);
  }
  if (prev.settings.controlPolicy !== next.settings.controlPolicy) {
    out.push(
      next.settings.controlPolicy === 'host'
        ? m.announce.hostControls
        : m.announce.everyoneControls,
    );
  }
  return out;
}

/** Whether the pinned tile (`streamKeyOf(origin, key)`) shows one of `peer`'s streams. */
function pinnedIsOf(pinned: string | null, peer: PeerId): boolean {
  return pinned === streamKeyOf(peer, 'cam') || pinned === streamKeyOf(peer, 'screen');
}

function withoutOrigin<V extends { origin: PeerId }>(map: ReadonlyMap<string, V>, origin: PeerId) {
  return new Map([...map].filter(([, v]) => v.origin !== origin));
}

function statusAnnouncement(
  prev: AppState['status'],
  next: AppState['status'],
  m: Messages,
): string[] {
  if (next === 'reconnecting' && prev !== 'reconnecting') {
    return [m.announce.serverLost];
  }
  if (next === 'joined' && prev === 'reconnecting') return [m.announce.reconnected];
  return [];
}

function errorText(
  state: AppState,
  error: { code: string; peer?: PeerId },
  m: Messages,
): string | null {
  const who = error.peer ? isolate(nameOf(state, error.peer, m)) : m.announce.aPeer;
  if (error.code === 'ERR_FILE_HASH_MISMATCH') {
    return m.announce.fileFailed(who);
  }
  if (error.code === 'ERR_ICE_FAILED') return m.announce.linkFailed(who);
  if (error.code === 'ERR_E2EE_DECRYPT') return m.e2ee.cannotDecrypt(who);
  if (error.code === 'ERR_E2EE_KEY') return m.e2ee.badKey(who);
  if (UNTRUSTED_MESSAGE.has(error.code)) {
    return m.announce.messageFailed(who);
  }
  return null;
}

// Messages the mesh dropped as forged, misrouted or out of its clock window (SPEC [P14]).
const UNTRUSTED_MESSAGE: ReadonlySet<string> = new Set([
  'ERR_BAD_SIGNATURE',
  'ERR_WRONG_ROUTE',
  'ERR_STALE_MESSAGE',
]);

/** The session's status, the room, its plan, peers leaving, link states and errors. */
export const roomFeed: Pick<
  FeedReducers,
  'statusChanged' | 'roomChanged' | 'planChanged' | 'peerLeft' | 'linkStateChanged' | 'errorRaised'
> = {
  statusChanged(state, change, m) {
    const left = change.status === 'left' || change.status === 'failed';
    return {
      status: change.status,
      statusDetail: change,
      ...withAnnouncements(state, statusAnnouncement(state.status, change.status, m)),
      ...(change.status === 'failed' && change.error
        ? {
            joinError: change.error,
            needsPassword: state.needsPassword || change.error === 'ERR_AUTH_FAILED',
          }
        : {}),
      ...(left
        ? {
            remoteStreams: new Map(),
            linkStates: new Map(),
            activeSpeaker: null,
            lobby: [],
            hands: [],
            reactions: [],
            recorders: [],
          }
        : {}),
    };
  },

  roomChanged(state, room, m) {
    const names = new Map(state.names);
    for (const peer of room.peers) names.set(peer.id, peer.displayName);
    // A request is settled once the room runs it, or once anyone else changes the topology.
    const request = state.topologyRequest;
    const settled =
      request !== null &&
      (room.settings.topology === request.topology ||
        (state.room !== null && state.room.settings.topology !== room.settings.topology));
    return {
      room,
      names,
      ...withAnnouncements(state, roomAnnouncements(state.room, room, names, m)),
      topologyRequest: settled ? null : request,
    };
  },

  planChanged(_state, { plan }) {
    return { plan };
  },

  peerLeft(state, { peerId, reason }, m) {
    const name = isolate(nameOf(state, peerId, m));
    const text = reason === 'timeout' ? m.announce.droppedOut(name) : m.announce.left(name);
    return {
      ...withAnnouncements(state, [text]),
      remoteStreams: withoutOrigin(state.remoteStreams, peerId),
      pinned: pinnedIsOf(state.pinned, peerId) ? null : state.pinned,
      activeSpeaker: state.activeSpeaker === peerId ? null : state.activeSpeaker,
    };
  },

  linkStateChanged(state, { peer, status }) {
    // A failed link stays failed once the plan closes it: the tile keeps saying why it is empty
    // until a new link to that peer starts.
    const kept = status === 'closed' && state.linkStates.get(peer) === 'failed' ? 'failed' : status;
    return { linkStates: new Map(state.linkStates).set(peer, kept) };
  },

  errorRaised(state, error, m) {
    const text = errorText(state, error, m);
    // A peer can make errors as fast as it sends: the same notice twice in a row is one notice.
    if (!text || state.announcements.at(-1)?.text === text) return null;
    return withAnnouncements(state, [text]);
  },
};
