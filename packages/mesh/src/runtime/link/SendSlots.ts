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
 * reuses an idle transceiver of its kind, or takes one the far end's offer created and sends the
 * reverse way on it (so the answer carries it: no round of its own), or adds a `sendrecv` one
 * (which the far end's answer may fill the same way); an identity no longer wanted is silenced
 * with `replaceTrack(null)` and its transceiver kept idle for reuse, so switches never grow the
 * SDP.
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

  /**
   * `waitForOffer`: this end is the link's non-offerer, whose sources add no transceiver before
   * the first offer: they ride on its answer instead ([M2]).
   */
  constructor(
    private readonly pc: RTCPeerConnection,
    private readonly waitForOffer = false,
  ) {}

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
    // Before the first offer, sources wait: the offer's transceivers will carry them.
    const adding = !(this.waitForOffer && this.pc.remoteDescription === null);
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
      } else if (adding) {
        // Receive-capable, so a far end answering this offer can send its own media on it.
        const transceiver = this.pc.addTransceiver(source.track, { direction: 'sendrecv' });
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

  /**
   * Between applying the far end's offer and answering it: each wanted identity not sent yet
   * takes a transceiver that offer brought (of its kind, carrying nothing of ours), turned
   * `sendrecv`, so the answer carries it. A mid then names one identity per direction, each in
   * its own sender's manifest. Without this a fresh link needs a second round for the answering
   * end's media.
   */
  async adoptOffered(): Promise<void> {
    if (this.closed) return;
    const ours = new Set<RTCRtpTransceiver>(
      [...this.sending.values(), ...this.idle].map((slot) => slot.transceiver),
    );
    for (const [key, source] of this.desired) {
      if (this.sending.has(key)) continue;
      const transceiver = this.pc
        .getTransceivers()
        .find(
          (t) =>
            !ours.has(t) &&
            t.mid !== null &&
            t.direction === 'recvonly' &&
            t.sender.track === null &&
            t.receiver.track.kind === source.identity.kind,
        );
      if (transceiver === undefined) continue;
      ours.add(transceiver);
      transceiver.direction = 'sendrecv';
      this.sending.set(key, {
        transceiver,
        identity: source.identity,
        idleFrom: 0,
        released: false,
      });
      await transceiver.sender.replaceTrack(source.track);
      if (this.closed) return;
    }
  }

  /**
   * After the answer is set: a transceiver taken from an offer that will not receive on it (the
   * far end offered it send-only) carries nothing of ours. It goes back to receiving and drops
   * out of the manifest; its identity gets a transceiver of its own at the next `sync()`.
   */
  async releaseUnsendable(): Promise<void> {
    for (const [key, slot] of [...this.sending]) {
      const t = slot.transceiver;
      const settled = t.currentDirection;
      if (t.direction !== 'sendrecv' || (settled !== 'recvonly' && settled !== 'inactive'))
        continue;
      this.sending.delete(key);
      t.direction = 'recvonly';
      await t.sender.replaceTrack(null);
    }
  }

  /**
   * Whether an identity is sent on a transceiver no description named yet: negotiation is
   * needed whatever the connection's `negotiationneeded` said (it fires once per need).
   */
  unnegotiated(): boolean {
    for (const slot of this.sending.values()) if (slot.transceiver.mid === null) return true;
    return false;
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
