import { type StreamRoute, streamKeyOf } from '@meshwork/mesh/runtime';
import type { MediaFlags, PeerId } from '@meshwork/protocol';
import type { AppState } from '../../store/types';
import { isMediaServer } from '../../topology/cost';

/** What one tile shows: a person's camera, or someone's shared screen. */
export interface TileModel {
  /** `streamKeyOf(origin, key)`, as the remote streams are keyed; also what pinning refers to. */
  id: string;
  origin: PeerId;
  key: 'cam' | 'screen';
  /** The person's name as they gave it (peer-supplied: shown bidi-isolated). */
  person: string;
  self: boolean;
  stream: MediaStream | null;
  route: StreamRoute | null;
  media: MediaFlags;
  connected: boolean;
  /** No video arrives and the link to this person failed (here or as the server heard it). */
  unreachable: boolean;
}

/** Whether this page's link to `peer` failed, by its own state or the room's link table. */
function linkFailed(
  state: Pick<AppState, 'room' | 'linkStates'>,
  self: PeerId,
  peer: PeerId,
): boolean {
  if (state.linkStates.get(peer) === 'failed') return true;
  return (state.room?.links ?? []).some(
    (l) =>
      l.state === 'failed' && ((l.a === self && l.b === peer) || (l.a === peer && l.b === self)),
  );
}

/** Tiles in join order, self included, each screen share after its owner's camera. */
export function buildTiles(
  state: Pick<AppState, 'room' | 'remoteStreams' | 'local' | 'linkStates'>,
): TileModel[] {
  const { room, remoteStreams, local } = state;
  if (!room) return [];
  const tiles: TileModel[] = [];
  for (const peer of room.peers) {
    // A media hub has no camera: it carries the others' video, it is not someone to look at.
    if (isMediaServer(peer)) continue;
    const self = peer.id === room.selfId;
    const media: MediaFlags = self
      ? { audio: local.audio, video: local.video, screen: local.screen !== null }
      : peer.media;
    const camId = streamKeyOf(peer.id, 'cam');
    const cam = remoteStreams.get(camId);
    tiles.push({
      id: camId,
      origin: peer.id,
      key: 'cam',
      person: peer.displayName,
      self,
      stream: self ? local.stream : (cam?.stream ?? null),
      route: cam?.route ?? null,
      media,
      connected: peer.connected,
      unreachable: !self && !cam && linkFailed(state, room.selfId, peer.id),
    });
    const screenId = streamKeyOf(peer.id, 'screen');
    const remoteScreen = remoteStreams.get(screenId);
    const screen = self ? local.screen : (remoteScreen?.stream ?? null);
    if (screen) {
      tiles.push({
        id: screenId,
        origin: peer.id,
        key: 'screen',
        person: peer.displayName,
        self,
        stream: screen,
        route: remoteScreen?.route ?? null,
        media: { audio: false, video: true, screen: true },
        connected: peer.connected,
        unreachable: false,
      });
    }
  }
  return tiles;
}
