import type { ManifestEntry } from '@meshwork/protocol';
import { manifestEntry, type TrackIdentity, trackKey } from '../manifest';

/** A track this link should send. */
export interface OutgoingSource {
  identity: TrackIdentity;
  track: MediaStreamTrack;
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
}

/**
 * The outgoing transceivers of one link. An identity already sent gets `replaceTrack`; a new one
 * reuses an idle transceiver of its kind, or adds a `sendonly` one; an identity no longer wanted
 * is silenced with `replaceTrack(null)` and its transceiver kept idle for reuse, so switches
 * never grow the SDP.
 */
export class SendSlots {
  private readonly sending = new Map<string, SendSlot>();
  private readonly idle: SendSlot[] = [];
  private desired = new Map<string, OutgoingSource>();
  private syncQueued = false;
  private closed = false;
  /** Descriptions sent so far, and the number of the last offer among them. */
  private sent = 0;
  private lastOffer = 0;

  constructor(private readonly pc: RTCPeerConnection) {}

  /**
   * Declares what to send. True when the caller must queue a `sync()`: the wish changed and no
   * sync is queued yet (a queued one reads the latest wish when it runs).
   */
  want(sources: Iterable<OutgoingSource>): boolean {
    if (this.closed) return false;
    const next = new Map<string, OutgoingSource>();
    for (const source of sources) next.set(trackKey(source.identity), source);
    const unchanged =
      next.size === this.desired.size &&
      [...next].every(([k, v]) => this.desired.get(k)?.track === v.track);
    if (unchanged) return false;
    this.desired = next;
    if (this.syncQueued) return false;
    this.syncQueued = true;
    return true;
  }

  /** Applies the latest wish to the transceivers. Run it serialised with negotiation. */
  async sync(): Promise<void> {
    this.syncQueued = false;
    const desired = this.desired;
    for (const [key, slot] of [...this.sending]) {
      if (desired.has(key)) continue;
      this.sending.delete(key);
      slot.idleFrom = this.sent;
      slot.released = false;
      this.idle.push(slot);
      await slot.transceiver.sender.replaceTrack(null);
    }
    for (const [key, source] of desired) {
      const slot = this.sending.get(key);
      if (slot !== undefined) {
        if (slot.transceiver.sender.track !== source.track) {
          await slot.transceiver.sender.replaceTrack(source.track);
        }
        continue;
      }
      // A slot the far end may still map to its old identity would show this track under that
      // identity until the next manifest lands: reuse only released ones ([M5]).
      const index = this.idle.findIndex(
        (s) => s.released && s.identity.kind === source.identity.kind,
      );
      const reused = index >= 0 ? this.idle.splice(index, 1)[0] : undefined;
      if (reused !== undefined) {
        reused.identity = source.identity;
        this.sending.set(key, reused);
        await reused.transceiver.sender.replaceTrack(source.track);
      } else {
        const transceiver = this.pc.addTransceiver(source.track, { direction: 'sendonly' });
        this.sending.set(key, {
          transceiver,
          identity: source.identity,
          idleFrom: 0,
          released: false,
        });
      }
      if (this.closed) return;
    }
  }

  /** A description of this end went out (its manifest leaves out every idle slot). */
  described(type: RTCSdpType): void {
    this.sent += 1;
    if (type === 'offer') this.lastOffer = this.sent;
  }

  /** The far end answered this end's last offer: slots idle before it are released. */
  answered(): void {
    for (const slot of this.idle) if (slot.idleFrom < this.lastOffer) slot.released = true;
  }

  /** The manifest of what is sent now: every sending transceiver with a mid, by identity. */
  manifest(): ManifestEntry[] {
    const entries: ManifestEntry[] = [];
    for (const slot of this.sending.values()) {
      const mid = slot.transceiver.mid;
      if (mid !== null) entries.push(manifestEntry(mid, slot.identity));
    }
    return entries;
  }

  /** Idempotent: wishes are ignored and a running sync stops at its next step. */
  close(): void {
    this.closed = true;
  }
}
