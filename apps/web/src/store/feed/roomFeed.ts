import { streamKeyOf } from '@meshwork/mesh/runtime';
import type { PeerId } from '@meshwork/protocol';
import { AUTO_STRINGS } from '../../components/auto/strings';
import { E2EE_STRINGS } from '../../e2ee/strings';
import { isolate } from '../../format/bidi';
import { TOPOLOGY_LABELS } from '../../labels';
import type { RoomView } from '../../session/types';
import { plannedTopology } from '../../topology/auto';
import { nameOf, withAnnouncements } from '../announcements';
import type { AppState, FeedReducers } from '../types';

/** What changed among the peers and the topology between two views of one room, in words. */
export function roomAnnouncements(
  prev: RoomView | null,
  next: RoomView,
  names: ReadonlyMap<PeerId, string>,
): string[] {
  if (!prev || prev.roomId !== next.roomId) return [];
  const out: string[] = [];
  const before = new Map(prev.peers.map((p) => [p.id, p]));
  for (const peer of next.peers) {
    const old = before.get(peer.id);
    if (!old) {
      if (peer.id !== next.selfId) out.push(`${isolate(peer.displayName)} joined`);
    } else if (old.connected && !peer.connected) {
      out.push(
        `${isolate(names.get(peer.id) ?? peer.displayName)} lost connection; waiting for them to come back`,
      );
    } else if (!old.connected && peer.connected) {
      out.push(`${isolate(peer.displayName)} is back`);
    }
  }
  const [was, now] = [plannedTopology(prev.settings), plannedTopology(next.settings)];
  if (was !== now || prev.settings.topology !== next.settings.topology) {
    const label = TOPOLOGY_LABELS[now];
    out.push(
      next.settings.topology === 'auto'
        ? `Topology changed to ${label} (${AUTO_STRINGS.label})`
        : `Topology changed to ${label}`,
    );
  }
  return [...out, ...settingsAnnouncements(prev, next, names)];
}

/** The host, the lock and the policy changing, in words (SPEC [P15]). */
function settingsAnnouncements(
  prev: RoomView,
  next: RoomView,
  names: ReadonlyMap<PeerId, string>,
): string[] {
  const out: string[] = [];
  const host = next.settings.hostId;
  if (host && host !== prev.settings.hostId) {
    out.push(
      host === next.selfId
        ? 'You are now the host'
        : `${isolate(nameOf({ names }, host))} is now the host`,
    );
  }
  if (prev.settings.locked !== next.settings.locked) {
    out.push(next.settings.locked ? 'The host locked the room' : 'The host unlocked the room');
  }
  if (prev.settings.controlPolicy !== next.settings.controlPolicy) {
    out.push(
      next.settings.controlPolicy === 'host'
        ? 'Only the host can change the topology now'
        : 'Everyone can change the topology now',
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

function statusAnnouncement(prev: AppState['status'], next: AppState['status']): string[] {
  if (next === 'reconnecting' && prev !== 'reconnecting') {
    return ['Connection to the server lost; reconnecting'];
  }
  if (next === 'joined' && prev === 'reconnecting') return ['Reconnected'];
  return [];
}

function errorText(state: AppState, error: { code: string; peer?: PeerId }): string | null {
  const who = error.peer ? isolate(nameOf(state, error.peer)) : 'a peer';
  if (error.code === 'ERR_FILE_HASH_MISMATCH') {
    return `A file from ${who} failed verification and was discarded`;
  }
  if (error.code === 'ERR_ICE_FAILED') return `The connection to ${who} failed; routing around it`;
  if (error.code === 'ERR_E2EE_DECRYPT') return E2EE_STRINGS.cannotDecrypt(who);
  if (error.code === 'ERR_E2EE_KEY') return E2EE_STRINGS.badKey(who);
  if (UNTRUSTED_MESSAGE.has(error.code)) {
    return `A message from ${who} failed verification and was dropped`;
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
  statusChanged(state, change) {
    const left = change.status === 'left' || change.status === 'failed';
    return {
      status: change.status,
      statusDetail: change,
      ...withAnnouncements(state, statusAnnouncement(state.status, change.status)),
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

  roomChanged(state, room) {
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
      ...withAnnouncements(state, roomAnnouncements(state.room, room, names)),
      topologyRequest: settled ? null : request,
    };
  },

  planChanged(_state, { plan }) {
    return { plan };
  },

  peerLeft(state, { peerId, reason }) {
    const name = isolate(nameOf(state, peerId));
    const text = reason === 'timeout' ? `${name} dropped out (connection lost)` : `${name} left`;
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

  errorRaised(state, error) {
    const text = errorText(state, error);
    // A peer can make errors as fast as it sends: the same notice twice in a row is one notice.
    if (!text || state.announcements.at(-1)?.text === text) return null;
    return withAnnouncements(state, [text]);
  },
};
