import { streamKeyOf } from '@meshwork/mesh/runtime';
import type { PeerId } from '@meshwork/protocol';
import { TOPOLOGY_LABELS } from '../../labels';
import type { RoomView } from '../../session/types';
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
      if (peer.id !== next.selfId) out.push(`${peer.displayName} joined`);
    } else if (old.connected && !peer.connected) {
      out.push(
        `${names.get(peer.id) ?? peer.displayName} lost connection; waiting for them to come back`,
      );
    } else if (!old.connected && peer.connected) {
      out.push(`${peer.displayName} is back`);
    }
  }
  if (prev.settings.topology !== next.settings.topology) {
    out.push(`Topology changed to ${TOPOLOGY_LABELS[next.settings.topology]}`);
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
  const who = error.peer ? nameOf(state, error.peer) : 'a peer';
  if (error.code === 'ERR_FILE_HASH_MISMATCH') {
    return `A file from ${who} failed verification and was discarded`;
  }
  if (error.code === 'ERR_ICE_FAILED') return `The connection to ${who} failed; routing around it`;
  return null;
}

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
      ...(left ? { remoteStreams: new Map(), linkStates: new Map(), activeSpeaker: null } : {}),
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
    const name = nameOf(state, peerId);
    const text = reason === 'timeout' ? `${name} dropped out (connection lost)` : `${name} left`;
    return {
      ...withAnnouncements(state, [text]),
      remoteStreams: withoutOrigin(state.remoteStreams, peerId),
      pinned: pinnedIsOf(state.pinned, peerId) ? null : state.pinned,
      activeSpeaker: state.activeSpeaker === peerId ? null : state.activeSpeaker,
    };
  },

  linkStateChanged(state, { peer, status }) {
    return { linkStates: new Map(state.linkStates).set(peer, status) };
  },

  errorRaised(state, error) {
    const text = errorText(state, error);
    return text ? withAnnouncements(state, [text]) : null;
  },
};
