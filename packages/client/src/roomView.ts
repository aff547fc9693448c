import type { PeerId, PeerInfo, RoomLink, RoomSettings, RoomSnapshot } from '@meshwork/protocol';
import type { RoomView } from './types';

/** A change to the room as the signal app announces it. */
export type RoomChange =
  | { type: 'peerJoined'; peer: PeerInfo }
  | { type: 'peerUpdated'; peer: PeerInfo }
  | { type: 'peerLeft'; peerId: PeerId }
  | { type: 'settingsChanged'; settings: RoomSettings }
  | { type: 'linksChanged'; links: readonly RoomLink[] };

/** The room view of a join (or resume) snapshot. Pure. */
export function roomViewFromSnapshot(snapshot: RoomSnapshot, selfId: PeerId): RoomView {
  return Object.freeze({
    roomId: snapshot.roomId,
    selfId,
    settings: Object.freeze({ ...snapshot.settings }),
    peers: Object.freeze([...snapshot.peers]),
    links: Object.freeze([...snapshot.links]),
    maxPeers: snapshot.maxPeers,
  });
}

/**
 * Applies one change and returns a new view, or the same view when the change changes nothing
 * (so callers can skip announcing it). Never mutates its input. Pure.
 */
export function reduceRoomView(view: RoomView, change: RoomChange): RoomView {
  switch (change.type) {
    case 'peerJoined':
    case 'peerUpdated': {
      const i = view.peers.findIndex((p) => p.id === change.peer.id);
      if (i === -1) {
        // An update of a peer we never heard join still tells us it is there; keep join order.
        const peers = [...view.peers, change.peer].sort((a, b) => a.joinedAt - b.joinedAt);
        return freeze({ ...view, peers });
      }
      const peers = view.peers.slice();
      peers[i] = change.peer;
      return freeze({ ...view, peers });
    }
    case 'peerLeft': {
      if (!view.peers.some((p) => p.id === change.peerId)) return view;
      return freeze({
        ...view,
        peers: view.peers.filter((p) => p.id !== change.peerId),
        links: view.links.filter((l) => l.a !== change.peerId && l.b !== change.peerId),
      });
    }
    case 'settingsChanged': {
      if (sameSettings(view.settings, change.settings)) return view;
      return freeze({ ...view, settings: { ...change.settings } });
    }
    case 'linksChanged':
      return freeze({ ...view, links: [...change.links] });
  }
}

/** Every field counts: a host change or a lock must reach the UI as surely as a topology. */
function sameSettings(a: RoomSettings, b: RoomSettings): boolean {
  return (
    a.topology === b.topology &&
    a.hubPreference === b.hubPreference &&
    a.hostId === b.hostId &&
    a.controlPolicy === b.controlPolicy &&
    a.locked === b.locked &&
    a.passwordProtected === b.passwordProtected &&
    a.lobby === b.lobby &&
    a.audioRouting === b.audioRouting &&
    (a.e2ee ?? false) === (b.e2ee ?? false) &&
    sameAuto(a.auto, b.auto)
  );
}

/** [P28] The automatic pick and its reason: a change of either is a change of the settings. */
function sameAuto(a: RoomSettings['auto'], b: RoomSettings['auto']): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (
    a.topology === b.topology &&
    a.reason === b.reason &&
    a.limitedPeer === b.limitedPeer &&
    a.limit === b.limit &&
    a.hub === b.hub
  );
}

function freeze(view: RoomView): RoomView {
  Object.freeze(view.peers);
  Object.freeze(view.links);
  Object.freeze(view.settings);
  return Object.freeze(view);
}
