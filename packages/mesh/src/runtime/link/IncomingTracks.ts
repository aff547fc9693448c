import type { ManifestEntry } from '@meshwork/protocol';
import { identityOf, type TrackIdentity, trackKey } from '../manifest';
import type { MeshErrorCode } from '../types';
import { listen } from './listen';

/** A remote track arriving on a link, named by the far end's manifest. */
export interface IncomingTrack {
  identity: TrackIdentity;
  mid: string;
  track: MediaStreamTrack;
  /**
   * Media decoded on it since the manifest named it (video frames decoded, audio packets
   * received), or `FIRST_FRAME_DEADLINE_MS` passed without any.
   */
  decoded: boolean;
}

/** What IncomingTracks tells its link. */
export interface IncomingTracksHooks {
  /** The named tracks, whether they decode, or whether one is muted changed. */
  changed(): void;
  /** `key` is newly named on `mid`; `freshMid` when no identity was named on that mid before. */
  named(key: string, mid: string, freshMid: boolean): void;
  /** Only these keys are named now. */
  retained(keys: ReadonlySet<string>): void;
  raise(code: MeshErrorCode, message: string): void;
}

/**
 * The remote tracks of one link, named by mid through the far end's latest applied manifest
 * ([M5]), never by track or stream ids. Mute and unmute of a named track count as a change,
 * since they tell whether media flows; those listeners go when the track stops being named.
 */
export class IncomingTracks {
  #tracks = new Map<string, IncomingTrack>();
  /** Mids that have ever carried a named track: a new identity on one starts from its count. */
  readonly #namedMids = new Set<string>();
  readonly #muteListeners = new Map<MediaStreamTrack, () => void>();
  #closed = false;

  readonly #pc: RTCPeerConnection;
  readonly #hooks: IncomingTracksHooks;

  constructor(pc: RTCPeerConnection, hooks: IncomingTracksHooks) {
    this.#pc = pc;
    this.#hooks = hooks;
  }

  /** Remote tracks named now, by track key. */
  get named(): ReadonlyMap<string, IncomingTrack> {
    return this.#tracks;
  }

  /** Names the receivers by `manifest` (the far end's, just applied with its description). */
  apply(manifest: readonly ManifestEntry[]): void {
    if (this.#closed) return;
    const byMid = new Map(manifest.map((e) => [e.mid, e]));
    const next = new Map<string, IncomingTrack>();
    for (const transceiver of this.#pc.getTransceivers()) {
      const mid = transceiver.mid;
      if (mid === null) continue;
      const entry = byMid.get(mid);
      if (entry === undefined) continue;
      const track = transceiver.receiver.track;
      if (track.kind !== entry.kind) {
        this.#hooks.raise('ERR_BAD_SIGNAL', `manifest names ${entry.kind} for a ${track.kind} mid`);
        continue;
      }
      const identity = identityOf(entry);
      const key = trackKey(identity);
      const prev = this.#tracks.get(key);
      const kept = prev !== undefined && prev.track === track && prev.mid === mid;
      next.set(key, { identity, mid, track, decoded: kept && prev.decoded });
      // A mid that carried another identity has counted media already: only more counts.
      if (!kept) this.#hooks.named(key, mid, !this.#namedMids.has(mid));
      this.#namedMids.add(mid);
    }
    this.#hooks.retained(new Set(next.keys()));
    const same =
      next.size === this.#tracks.size &&
      [...next].every(([k, v]) => {
        const prev = this.#tracks.get(k);
        return prev !== undefined && prev.track === v.track && prev.mid === v.mid;
      });
    this.#tracks = next;
    this.#watchMute(new Set([...next.values()].map((t) => t.track)));
    if (!same) this.#hooks.changed();
  }

  /** Marks `keys` as decoding ([M10]) and tells the link. */
  markDecoded(keys: readonly string[]): void {
    if (keys.length === 0 || this.#closed) return;
    for (const key of keys) {
      const incoming = this.#tracks.get(key);
      if (incoming !== undefined) this.#tracks.set(key, { ...incoming, decoded: true });
    }
    this.#hooks.changed();
  }

  /** Idempotent: removes every listener; nothing changes after. */
  close(): void {
    this.#closed = true;
    this.#watchMute(new Set());
  }

  /** Listens to mute and unmute on exactly `tracks`. */
  #watchMute(tracks: ReadonlySet<MediaStreamTrack>): void {
    for (const [track, dispose] of this.#muteListeners) {
      if (tracks.has(track)) continue;
      dispose();
      this.#muteListeners.delete(track);
    }
    for (const track of tracks) {
      if (this.#muteListeners.has(track)) continue;
      const changed = () => {
        if (!this.#closed) this.#hooks.changed();
      };
      const offMute = listen(track, 'mute', changed);
      const offUnmute = listen(track, 'unmute', changed);
      this.#muteListeners.set(track, () => {
        offMute();
        offUnmute();
      });
    }
  }
}
