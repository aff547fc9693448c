import type { PeerId } from '@meshwork/protocol';
import type { StoreApi } from 'zustand/vanilla';
import type { RoomView } from '../session/types';
import type { SessionFeed } from './actions';
import type { AppStore } from './createAppStore';
import type { Announcement, FileEntry, RemoteStream } from './types';

const MAX_CHAT = 500;
const MAX_ANNOUNCEMENTS = 5;

/** Identity of a tile's stream: origin and key. */
export function streamId(origin: PeerId, key: string): string {
  return `${origin}:${key}`;
}

let announcementSeq = 0;

/** Appends an announcement, keeping the last few. */
export function withAnnouncement(list: readonly Announcement[], text: string): Announcement[] {
  return [...list, { id: ++announcementSeq, text }].slice(-MAX_ANNOUNCEMENTS);
}

function nameOf(state: AppStore, peer: PeerId): string {
  return state.names.get(peer) ?? 'Someone';
}

function roomAnnouncements(
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

/** Display names of topologies. */
export const TOPOLOGY_LABELS = { mesh: 'Full mesh', star: 'Star', ring: 'Ring' } as const;

function withoutOrigin<V extends { origin: PeerId }>(map: ReadonlyMap<string, V>, origin: PeerId) {
  return new Map([...map].filter(([, v]) => v.origin !== origin));
}

/** The bridge-fed half of the store: each session event becomes one replacement of state. */
export function createFeed(set: StoreApi<AppStore>['setState'], get: () => AppStore): SessionFeed {
  return {
    statusChanged(change) {
      const prev = get().status;
      let announcements = get().announcements;
      if (change.status === 'reconnecting' && prev !== 'reconnecting') {
        announcements = withAnnouncement(
          announcements,
          'Connection to the server lost; reconnecting',
        );
      } else if (change.status === 'joined' && prev === 'reconnecting') {
        announcements = withAnnouncement(announcements, 'Reconnected');
      }
      const left = change.status === 'left' || change.status === 'failed';
      set({
        status: change.status,
        statusDetail: change,
        announcements,
        ...(change.status === 'failed' && change.error
          ? {
              joinError: change.error,
              needsPassword: get().needsPassword || change.error === 'ERR_AUTH_FAILED',
            }
          : {}),
        ...(left ? { remoteStreams: new Map(), linkStates: new Map(), activeSpeaker: null } : {}),
      });
    },
    roomChanged(room) {
      const state = get();
      const names = new Map(state.names);
      for (const peer of room.peers) names.set(peer.id, peer.displayName);
      let announcements = state.announcements;
      for (const text of roomAnnouncements(state.room, room, names)) {
        announcements = withAnnouncement(announcements, text);
      }
      // A request is settled once the room runs it, or once anyone else changes the topology.
      const request = state.topologyRequest;
      const settled =
        request !== null &&
        (room.settings.topology === request.topology ||
          (state.room !== null && state.room.settings.topology !== room.settings.topology));
      const topologyRequest = settled ? null : request;
      set({ room, names, announcements, topologyRequest });
    },
    planChanged({ plan }) {
      set({ plan });
    },
    peerLeft({ peerId, reason }) {
      const state = get();
      const name = nameOf(state, peerId);
      const text = reason === 'timeout' ? `${name} dropped out (connection lost)` : `${name} left`;
      set({
        announcements: withAnnouncement(state.announcements, text),
        remoteStreams: withoutOrigin(state.remoteStreams, peerId),
        pinned: state.pinned?.startsWith(`${peerId}`) ? null : state.pinned,
        activeSpeaker: state.activeSpeaker === peerId ? null : state.activeSpeaker,
      });
    },
    remoteStreamChanged({ origin, key, stream, route }) {
      const next = new Map(get().remoteStreams);
      const entry: RemoteStream = { origin, key, stream, route };
      next.set(streamId(origin, key), entry);
      set({ remoteStreams: next });
    },
    remoteStreamRemoved({ origin, key }) {
      const id = streamId(origin, key);
      if (!get().remoteStreams.has(id)) return;
      const next = new Map(get().remoteStreams);
      next.delete(id);
      set({ remoteStreams: next, pinned: get().pinned === id ? null : get().pinned });
    },
    linkStateChanged({ peer, status }) {
      set({ linkStates: new Map(get().linkStates).set(peer, status) });
    },
    chatReceived(message) {
      const state = get();
      if (state.chat.some((m) => m.id === message.id)) return;
      const fromOther = message.origin !== state.room?.selfId;
      set({
        chat: [...state.chat, message].slice(-MAX_CHAT),
        unreadChat: fromOther && state.panel !== 'chat' ? state.unreadChat + 1 : state.unreadChat,
      });
    },
    fileProgressed(progress) {
      const files = new Map(get().files);
      const old = files.get(progress.transferId);
      const entry: FileEntry = { ...old, ...progress };
      files.set(progress.transferId, entry);
      set({ files });
    },
    fileReceived({ transferId, origin, name, size, mimeType, sha256, data }) {
      const state = get();
      const files = new Map(state.files);
      const entry: FileEntry = {
        transferId,
        origin,
        name,
        size,
        bytes: size,
        direction: 'receive',
        received: { mimeType, sha256, data },
      };
      files.set(transferId, entry);
      set({
        files,
        announcements: withAnnouncement(
          state.announcements,
          `${nameOf(state, origin)} shared ${name}`,
        ),
      });
    },
    errorRaised(error) {
      const state = get();
      const who = error.peer ? nameOf(state, error.peer) : 'a peer';
      const text =
        error.code === 'ERR_FILE_HASH_MISMATCH'
          ? `A file from ${who} failed verification and was discarded`
          : error.code === 'ERR_ICE_FAILED'
            ? `The connection to ${who} failed; routing around it`
            : null;
      if (text) set({ announcements: withAnnouncement(state.announcements, text) });
    },
  };
}
