import type { ManifestEntry, PeerId } from '@meshwork/protocol';
import { manifestEntry, type TrackIdentity, trackKey } from '../manifest';
import type { SendEncoding } from '../uplink/allocateUplink';
import { applyEncoding, sameEncoding } from '../uplink/applyEncoding';

/** A track this link should send. */
export interface OutgoingSource {
  identity: TrackIdentity;
  track: MediaStreamTrack;
  /** Its share of this peer's uplink budget ([M26]); none leaves the browser's default. */
  encoding?: SendEncoding;
}

interface SendSlot {
  transceiver: RTCRtpTransceiver;
  /** What it sends; a reused slot keeps its kind, so `identity.kind` is the transceiver's. */
  identity: TrackIdentity;
  /** Descriptions sent when it went idle: the next one announces it idle. */
  idleFrom: number;
  /**
   * The far end has applied a manifest without it (an answer to an offer sent after it went
   * idle came back), so it no longer maps the mid to the old identity: safe to reuse ([M5]).
   */
  released: boolean;
  /** The encoding its sender was last limited to. */
  applied: SendEncoding | undefined;
  /**
   * Whether it carries tracks relayed from other links rather than this peer's own, for its whole
   * life: a reused slot only ever takes tracks of the same provenance ([M5]).
   */
  relayed: boolean;
}

/**
 * The outgoing transceivers of one link. An identity already sent gets `replaceTrack`; a new one
 * reuses an idle transceiver of its kind and provenance (own or relayed), or adds a `sendonly`
 * one; an identity no longer wanted is silenced with `replaceTrack(null)` and its transceiver
 * kept idle for reuse, so switching back and forth does not grow the SDP.
 *
 * Provenance matters: on libwebrtc's native engine (wrtc) a video sender that carried this peer's
 * own camera encodes not one frame of a relayed track put on it afterwards (none in 30 s, while
 * own after relayed, own after own and relayed after relayed resume within 0.3 s), so a relay on a
 * reused slot froze its tile for good. The encoder keeps the capture times of what it sent and
 * drops frames not later than those, and a relayed track's frames keep capture times from another
 * clock than a local source's. Own tracks only go on transceivers that sent own tracks, relayed
 * ones on relays.
 */
export class SendSlots {
  readonly #sending = new Map<string, SendSlot>();
  readonly #idle: SendSlot[] = [];
  #desired = new Map<string, OutgoingSource>();
  #syncQueued = false;
  #closed = false;
  /** Why the last encoding was refused, if one was. */
  encodingRefused: string | null = null;
  /** Descriptions sent so far, and the number of the last offer among them. */
  #sent = 0;
  #lastOffer = 0;

  readonly #pc: RTCPeerConnection;
  readonly #self: PeerId;
  readonly #added: (transceiver: RTCRtpTransceiver, kind: string) => void;
  constructor(
    pc: RTCPeerConnection,
    /** This peer: a track whose identity names another origin is relayed. */
    self: PeerId,
    /** Told of every transceiver this adds, before it sends (frame encryption pipes it). */
    added: (transceiver: RTCRtpTransceiver, kind: string) => void = () => {},
  ) {
    this.#pc = pc;
    this.#self = self;
    this.#added = added;
  }

  /**
   * Declares what to send. True when the caller must queue a `sync()`: the wish changed and no
   * sync is queued yet (a queued one reads the latest wish when it runs).
   */
  want(sources: Iterable<OutgoingSource>): boolean {
    if (this.#closed) return false;
    const next = new Map<string, OutgoingSource>();
    for (const source of sources) next.set(trackKey(source.identity), source);
    const unchanged =
      next.size === this.#desired.size &&
      [...next].every(([k, v]) => {
        const was = this.#desired.get(k);
        return was?.track === v.track && sameEncoding(was.encoding, v.encoding);
      });
    if (unchanged) return false;
    this.#desired = next;
    this.#retrackNow();
    if (this.#syncQueued) return false;
    this.#syncQueued = true;
    return true;
  }

  /**
   * Gives every sending slot its wished track (or silence) at once, without waiting for the
   * negotiation queue: `replaceTrack` needs no negotiation, and a relayed track must leave a slot
   * as soon as its link stops naming it, since the far end of that link may reuse the transceiver
   * for another origin, which would then show here under this slot's identity ([M5]).
   */
  #retrackNow(): void {
    for (const [key, slot] of this.#sending) {
      const track = this.#desired.get(key)?.track ?? null;
      if (slot.transceiver.sender.track === track) continue;
      // Rejects only once the connection closed, when nothing is sent anyway.
      slot.transceiver.sender.replaceTrack(track).catch(() => undefined);
    }
  }

  /** Applies the latest wish to the transceivers. Run it serialised with negotiation. */
  async sync(): Promise<void> {
    this.#syncQueued = false;
    // Read the wish afresh at every step: a newer one may arrive while this one awaits, and an
    // older track must never be put back after `retrackNow` took it out.
    for (const [key, slot] of [...this.#sending]) {
      if (this.#desired.has(key)) continue;
      this.#sending.delete(key);
      slot.idleFrom = this.#sent;
      slot.released = false;
      this.#idle.push(slot);
      await slot.transceiver.sender.replaceTrack(null);
    }
    for (const [key, source] of [...this.#desired]) {
      // A newer wish arrived meanwhile: the sync it queued applies it.
      if (this.#desired.get(key) !== source) continue;
      const slot = this.#sending.get(key);
      if (slot !== undefined) {
        if (slot.transceiver.sender.track !== source.track) {
          await slot.transceiver.sender.replaceTrack(source.track);
        }
        await this.#limit(slot, source);
        continue;
      }
      // A slot the far end may still map to its old identity would show this track under that
      // identity until the next manifest lands: reuse only released ones, and only for a track
      // of the provenance the slot always carried, or its encoder may drop every frame ([M5]).
      const relayed = source.identity.origin !== this.#self;
      const index = this.#idle.findIndex(
        (s) => s.released && s.identity.kind === source.identity.kind && s.relayed === relayed,
      );
      const reused = index >= 0 ? this.#idle.splice(index, 1)[0] : undefined;
      if (reused !== undefined) {
        reused.identity = source.identity;
        this.#sending.set(key, reused);
        await reused.transceiver.sender.replaceTrack(source.track);
        await this.#limit(reused, source);
      } else {
        const transceiver = this.#pc.addTransceiver(source.track, { direction: 'sendonly' });
        this.#added(transceiver, source.track.kind);
        const slot: SendSlot = {
          transceiver,
          identity: source.identity,
          idleFrom: 0,
          released: false,
          applied: undefined,
          relayed,
        };
        this.#sending.set(key, slot);
        await this.#limit(slot, source);
      }
      if (this.#closed) return;
    }
  }

  /**
   * Limits the slot's sender to the source's encoding, if that changed. A refusal is kept as
   * `encodingRefused` and retried with the next sync; it never stops the track being sent.
   */
  async #limit(slot: SendSlot, source: OutgoingSource): Promise<void> {
    const encoding = source.encoding;
    if (encoding === undefined || sameEncoding(slot.applied, encoding)) return;
    const refused = await applyEncoding(slot.transceiver.sender, encoding);
    if (refused === null) slot.applied = encoding;
    else {
      slot.applied = undefined;
      this.encodingRefused = refused;
    }
  }

  /** A description of this end went out (its manifest leaves out every idle slot). */
  described(type: RTCSdpType): void {
    this.#sent += 1;
    if (type === 'offer') this.#lastOffer = this.#sent;
  }

  /** The far end answered this end's last offer: slots idle before it are released. */
  answered(): void {
    for (const slot of this.#idle) if (slot.idleFrom < this.#lastOffer) slot.released = true;
  }

  /** The manifest of what is sent now: every sending transceiver with a mid, by identity. */
  manifest(): ManifestEntry[] {
    const entries: ManifestEntry[] = [];
    for (const slot of this.#sending.values()) {
      const mid = slot.transceiver.mid;
      if (mid !== null) entries.push(manifestEntry(mid, slot.identity));
    }
    return entries;
  }

  /** Idempotent: wishes are ignored and a running sync stops at its next step. */
  close(): void {
    this.#closed = true;
  }
}
