import { type Clock, type Logger, noopLogger, type TimerHandle } from '@meshwork/kit';
import type { PeerId } from '@meshwork/protocol';
import type { MediaStreamTrack, RTCPeerConnection, RTCRtpReceiver } from 'werift';
import { onReceiverEstimate, sendReceiverEstimate } from '../werift/receiverEstimates';
import { CAP_INTERVAL_MS, capToSend, type SentCap } from './CapPacer';
import { IncomingRates } from './IncomingRates';
import { CAP_CEILING_BPS, originCap, ReceiverEstimates, streamCap } from './ReceiverEstimates';

/** What the shaper needs to know of the room's forwarding (the ForwardingTap). */
export interface ForwardingView {
  links(): RTCPeerConnection[];
  originOf(track: MediaStreamTrack): PeerId | undefined;
  outLinksOf(track: MediaStreamTrack): RTCPeerConnection[];
  videoSentOn(pc: RTCPeerConnection): MediaStreamTrack[];
  wireBytesReceived(track: MediaStreamTrack): number;
}

/** One receiver link in `/stats`: the peer it leads to, its estimate and what it is sent. */
export interface ReceiverShaping {
  /** The peer on the link (the origin of what the hub receives on it), when known. */
  peer: PeerId | null;
  /** Its latest valid estimate of its downlink from the hub (bit/s), or null. */
  estimateBps: number | null;
  /** Video streams the hub forwards to it. */
  videoStreams: number;
}

/** One origin link in `/stats`: the media the hub receives on it and the cap it last sent it. */
export interface OriginShaping {
  origin: PeerId | null;
  /** The rate the hub receives the origin's video at (bit/s on the wire, all its video on the link). */
  receivedBps: number;
  /** The rate the hub receives the origin's audio at (bit/s on the wire). */
  audioBps: number;
  /** The last cap sent (bit/s, for all its video on the link), or null if none ever was. */
  capSentBps: number | null;
  /** Caps sent on the link so far. */
  capsSent: number;
}

/** Receiver estimates and the caps the hub derives from them, for `/stats`. */
export interface ShapingStats {
  receivers: ReceiverShaping[];
  origins: OriginShaping[];
}

/** A stream the hub receives on a link, with the receiver that can talk back to its origin. */
interface Incoming {
  track: MediaStreamTrack;
  ssrc: number;
  receiver: RTCRtpReceiver;
}

/**
 * Lets receivers' bandwidth estimates shape what the hub forwards (protocol SPEC [P32]). Every
 * REMB a receiver link sends the hub is kept as that link's estimate, and the rate each stream
 * arrives at is measured once a second; each forwarded video stream gets, on every link it goes
 * out on, what the link's other streams leave of the estimate (at least an even share), the
 * smallest over its links, and each origin link is sent a REMB of the sum of its video streams'
 * caps and its audio: the origin's encoder then sends no more than its slowest receiver can take. Caps are renewed
 * once a second and sent at once on a change over 10 %; a cap no receiver needs anymore is lifted
 * once.
 */
export class BandwidthShaper {
  readonly #view: ForwardingView;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #estimates = new ReceiverEstimates<RTCPeerConnection>();
  readonly #rates = new IncomingRates<MediaStreamTrack>();
  readonly #sent = new Map<RTCPeerConnection, SentCap & { count: number }>();
  #timer: TimerHandle | null = null;
  #closed = false;

  constructor(options: { view: ForwardingView; clock: Clock; logger?: Logger }) {
    this.#view = options.view;
    this.#clock = options.clock;
    this.#logger = options.logger ?? noopLogger;
    this.#schedule();
  }

  /** A peer connection the hub made: read the estimates its receiver sends. */
  attach(pc: RTCPeerConnection): void {
    onReceiverEstimate(pc, (bps) => {
      if (this.#closed) return;
      if (this.#estimates.report(pc, bps, this.#clock.now())) this.#shape();
    });
    pc.connectionStateChange.subscribe((state) => {
      if (state !== 'closed') return;
      this.#estimates.forget(pc);
      this.#sent.delete(pc);
    });
  }

  /** Estimates per receiver link and the cap sent per origin link. */
  stats(): ShapingStats {
    const now = this.#clock.now();
    const receivers: ReceiverShaping[] = [];
    const origins: OriginShaping[] = [];
    for (const pc of this.#view.links()) {
      const incoming = this.#incoming(pc, 'video');
      const peer = this.#peerOf(pc);
      const videoStreams = this.#view.videoSentOn(pc).length;
      if (videoStreams > 0) {
        receivers.push({ peer, estimateBps: this.#estimates.estimate(pc, now), videoStreams });
      }
      if (incoming.length > 0) {
        const sent = this.#sent.get(pc);
        const receivedBps = Math.round(
          incoming.reduce((sum, { track }) => sum + this.#rates.bps(track), 0),
        );
        origins.push({
          origin: peer,
          receivedBps,
          audioBps: Math.round(this.#audioBps(pc)),
          capSentBps: sent?.bps ?? null,
          capsSent: sent?.count ?? 0,
        });
      }
    }
    return { receivers, origins };
  }

  /** Idempotent: stops the renewals. */
  close(): void {
    this.#closed = true;
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
    this.#sent.clear();
  }

  #schedule(): void {
    this.#timer = this.#clock.setTimeout(() => {
      if (this.#closed) return;
      this.#measure();
      this.#shape();
      this.#schedule();
    }, CAP_INTERVAL_MS);
  }

  /** Samples what each incoming stream has brought so far. */
  #measure(): void {
    const now = this.#clock.now();
    for (const pc of this.#view.links()) {
      for (const { track } of this.#incoming(pc)) {
        this.#rates.sample(track, this.#view.wireBytesReceived(track), now);
      }
    }
  }

  #shape(): void {
    const now = this.#clock.now();
    for (const pc of this.#view.links()) {
      const incoming = this.#incoming(pc, 'video');
      const first = incoming[0];
      if (first === undefined) continue;
      const wanted = originCap(this.#videoCaps(incoming, now), this.#audioBps(pc));
      const last = this.#sent.get(pc) ?? null;
      const bps = capToSend(wanted, last, now, CAP_CEILING_BPS);
      if (bps === null) continue;
      this.#sent.set(pc, { bps, at: now, count: (last?.count ?? 0) + 1 });
      sendReceiverEstimate(
        first.receiver,
        bps,
        incoming.map((i) => i.ssrc),
      ).catch((error: unknown) => {
        this.#logger.debug('cap not sent', { error: String(error) });
      });
    }
  }

  /** Each incoming video stream's cap, or null for one no receiver limits. */
  #videoCaps(incoming: readonly Incoming[], now: number): Array<number | null> {
    return incoming.map(({ track }) =>
      streamCap(
        this.#view.outLinksOf(track).map((link) => {
          const onLink = this.#view.videoSentOn(link);
          let othersBps = 0;
          for (const other of onLink) if (other !== track) othersBps += this.#rates.bps(other);
          return {
            estimate: this.#estimates.estimate(link, now),
            videoStreams: onLink.length,
            othersBps,
          };
        }),
      ),
    );
  }

  /** What the audio the hub receives on `pc` takes now (bit/s on the wire). */
  #audioBps(pc: RTCPeerConnection): number {
    return this.#incoming(pc, 'audio').reduce((sum, { track }) => sum + this.#rates.bps(track), 0);
  }

  /** The streams the hub receives on `pc`, of one kind or (without `kind`) both. */
  #incoming(pc: RTCPeerConnection, kind?: 'audio' | 'video'): Incoming[] {
    const incoming: Incoming[] = [];
    for (const t of pc.getTransceivers()) {
      for (const track of t.receiver.tracks) {
        if ((kind === undefined || track.kind === kind) && track.ssrc !== undefined) {
          incoming.push({ track, ssrc: track.ssrc, receiver: t.receiver });
        }
      }
    }
    return incoming;
  }

  #peerOf(pc: RTCPeerConnection): PeerId | null {
    for (const t of pc.getTransceivers()) {
      for (const track of t.receiver.tracks) {
        const origin = this.#view.originOf(track);
        if (origin !== undefined) return origin;
      }
    }
    return null;
  }
}
