import type { ManifestEntry, PeerId, StreamKey, TrackKind } from '@meshwork/protocol';

/** One track of the room: whose, which of their streams, which kind. */
export interface TrackIdentity {
  origin: PeerId;
  key: StreamKey;
  kind: TrackKind;
}

/**
 * The one identity key of a stream (origin, stream key): `origin/key`. Every map of streams uses
 * it, so nobody spells the format by hand. Peer ids and stream keys never contain `/`.
 */
export function streamKeyOf(origin: PeerId, key: StreamKey): string {
  return `${origin}/${key}`;
}

/** Map key of a track identity: its stream key, then its kind. */
export function trackKey(id: TrackIdentity): string {
  return `${streamKeyOf(id.origin, id.key)}/${id.kind}`;
}

/** The manifest entry telling the far end that `mid` carries `id`. */
export function manifestEntry(mid: string, id: TrackIdentity): ManifestEntry {
  return { mid, origin: id.origin, stream: id.key, kind: id.kind };
}

/** The track identity a manifest entry names. */
export function identityOf(entry: ManifestEntry): TrackIdentity {
  return { origin: entry.origin, key: entry.stream, kind: entry.kind };
}

/** Canonical text of a manifest, to tell whether the far end already knows it. */
export function manifestFingerprint(entries: readonly ManifestEntry[]): string {
  return entries
    .map((e) => `${e.mid}=${trackKey(identityOf(e))}`)
    .sort()
    .join(',');
}
