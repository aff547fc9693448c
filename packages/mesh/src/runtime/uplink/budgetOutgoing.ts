import type { PeerId } from '@meshwork/protocol';
import type { ResolvedSource } from '../controller/outgoing';
import type { OutgoingSource } from '../link/SendSlots';
import { allocateUplink, type UplinkSend, type VideoSource } from './allocateUplink';

/**
 * Gives every track this peer sends, on every link, its share of the uplink budget
 * ({@link allocateUplink} over all of them at once: relayed tracks count like its own), so a
 * plan change (a join, a leave, a topology switch) re-spreads the same budget over the new set.
 */
export function budgetOutgoing(
  sources: ReadonlyMap<PeerId, readonly ResolvedSource<MediaStreamTrack>[]>,
  budgetKbps: number,
): Map<PeerId, OutgoingSource[]> {
  const flat: Array<{ peer: PeerId; source: ResolvedSource<MediaStreamTrack> }> = [];
  for (const [peer, list] of sources) for (const source of list) flat.push({ peer, source });
  const sends: UplinkSend[] = flat.map(({ source }) => ({
    kind: source.identity.kind,
    stream: source.identity.key,
    source: source.identity.kind === 'video' ? videoSourceOf(source.track) : null,
  }));
  const encodings = allocateUplink(sends, budgetKbps);
  const result = new Map<PeerId, OutgoingSource[]>();
  for (const peer of sources.keys()) result.set(peer, []);
  flat.forEach(({ peer, source }, i) => {
    const encoding = encodings[i];
    const out: OutgoingSource = { identity: source.identity, track: source.track };
    if (encoding !== undefined) out.encoding = encoding;
    result.get(peer)?.push(out);
  });
  return result;
}

/**
 * The picture a track reports (`getSettings()`), or null where it does not say: a relayed
 * track before its first frame, or a Node track without settings.
 */
export function videoSourceOf(track: MediaStreamTrack): VideoSource | null {
  const settings = typeof track.getSettings === 'function' ? track.getSettings() : {};
  const { width, height, frameRate } = settings;
  if (!width || !height) return null;
  return { width, height, frameRate: frameRate && frameRate > 0 ? frameRate : 30 };
}
