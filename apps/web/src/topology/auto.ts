import { decideAutoTopology } from '@meshwork/mesh/plan';
import type { AutoChoice, PeerId, PeerInfo, RoomSettings, Topology } from '@meshwork/protocol';
import type { Messages } from '../i18n/messages';
import { isMediaServer } from './cost';

/** The topology the room's plans are made in: the setting, or with Automatic the server's pick. */
export function plannedTopology(settings: RoomSettings): Topology {
  return settings.topology === 'auto' ? (settings.auto?.topology ?? 'mesh') : settings.topology;
}

/** People in the room, media hubs not counted (they are not people). */
export function peopleCount(peers: readonly PeerInfo[]): number {
  return peers.filter((p) => p.capacity.deviceClass !== 'server').length;
}

/**
 * The header's words for an automatic room's choice: "Star: 6 people, Bo's uplink limited",
 * "Mesh: 3 people", in the catalogue's language. `nameOf` gives the display name of the limited
 * peer.
 */
export function autoSummary(
  choice: AutoChoice,
  people: number,
  nameOf: (id: PeerId) => string | undefined,
  m: Messages,
): string {
  const t = m.auto;
  const parts: string[] = [t.people(people)];
  if (choice.reason === 'limited' && choice.limitedPeer !== null && choice.limit !== null) {
    const name = nameOf(choice.limitedPeer) ?? choice.limitedPeer;
    parts.push(t[choice.limit](name));
  }
  if (choice.reason === 'holding') parts.push(t.holding);
  if (choice.hub === 'server') parts.push(t.serverHub);
  return t.summary(t.short[choice.topology], parts.join(t.separator));
}

/**
 * What Automatic would pick now, for the cost preview: the server's choice in an automatic room,
 * else the same decision over what the page knows (peers' reported limits counted as lasting).
 */
export function previewAutoChoice(settings: RoomSettings, peers: readonly PeerInfo[]): AutoChoice {
  if (settings.topology === 'auto' && settings.auto) return settings.auto;
  return decideAutoTopology({
    peers: peers.map((p) => ({
      id: p.id,
      mediaServer: isMediaServer(p),
      limitation: p.capacity.limitation ?? null,
      limitationSince: Number.NEGATIVE_INFINITY,
      previousLimitation: null,
      uplinkKbps: p.capacity.uplinkKbps ?? null,
    })),
    current: 'mesh',
    since: Number.NEGATIVE_INFINITY,
    now: 0,
  }).choice;
}
