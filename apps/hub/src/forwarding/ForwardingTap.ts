import { type Clock, type Logger, noopLogger, systemClock } from '@meshwork/kit';
import type { PeerId } from '@meshwork/protocol';
import {
  type MediaStreamTrack,
  type RTCPeerConnection,
  type RTCRtpSender,
  RtcpPayloadSpecificFeedback,
} from 'werift';
import { OriginCounters } from '../metrics/OriginCounters';
import { FIR_FORMAT } from '../werift/keyframeRequestRouting';
import { KeyframeThrottle } from './KeyframeThrottle';

/** What one of the hub's transceivers carries now, for `/stats?links=1` and failure reports. */
export interface TransceiverView {
  mid: string | null;
  kind: string;
  direction: string;
  currentDirection: string | null;
  /** The origin whose track the sender forwards, with the RTP packets it has sent in all. */
  send: { origin: PeerId | null; packets: number; codec: string | null; canSend: boolean } | null;
  /** The tracks received on it: each one's origin (once named), SSRC and wire bytes so far. */
  receive: Array<{ origin: PeerId | null; ssrc: number | null; bytes: number }>;
}

/** One of the hub's peer connections as the tap sees it. */
export interface LinkView {
  connectionState: string;
  transceivers: TransceiverView[];
}

/**
 * What carrying one RTP packet costs on the wire beyond its own bytes (bytes): an IPv4 and a UDP
 * header and SRTP's 10-byte authentication tag. Chromium counts it in the rate a REMB caps: at
 * Opus's 50 packets a second it is 15 kbit/s of a 50 kbit/s audio stream.
 */
export const WIRE_OVERHEAD_BYTES = 20 + 8 + 10;

/** werift keeps these sender fields private; they are read only to describe a link. */
interface SenderInternals {
  packetCount?: number;
  codec?: { mimeType?: string };
  canSendRtp?: () => boolean;
}

/**
 * Watches the werift peer connections of one hub room and does what a browser's decoder and
 * encoder would otherwise do for a relayed track, without either: keyframe requests (PLI/FIR)
 * from any receiver of a forwarded track go upstream to its origin through a throttle, a new
 * receiver of a track gets a keyframe asked for it, and packets are counted per origin. The mesh
 * runtime itself relays by handing the received track to each outgoing link's sender; werift's
 * sender then rewrites SSRC, sequence numbers and timestamps and answers NACKs from its history.
 */
export class ForwardingTap {
  readonly #origins = new WeakMap<MediaStreamTrack, PeerId>();
  readonly counters = new OriginCounters<MediaStreamTrack>((track) => this.#origins.get(track));
  readonly #logger: Logger;
  readonly #pcs = new Set<RTCPeerConnection>();
  readonly #sendersOf = new Map<MediaStreamTrack, Set<RTCRtpSender>>();
  readonly #trackOf = new Map<RTCRtpSender, MediaStreamTrack>();
  readonly #linkOf = new Map<RTCRtpSender, RTCPeerConnection>();
  readonly #watched = new WeakSet<MediaStreamTrack>();
  readonly #bytes = new WeakMap<MediaStreamTrack, number>();
  readonly #throttle: KeyframeThrottle<MediaStreamTrack>;
  #closed = false;

  constructor(options: { clock?: Clock; logger?: Logger } = {}) {
    this.#logger = options.logger ?? noopLogger;
    this.#throttle = new KeyframeThrottle({
      clock: options.clock ?? systemClock,
      send: (track) => this.#askOrigin(track),
    });
  }

  /** A peer connection the hub made: watch its senders and the tracks it receives. */
  attach(pc: RTCPeerConnection): void {
    if (this.#closed) return;
    this.#pcs.add(pc);
    pc.onTransceiverAdded.subscribe((transceiver) => this.#watchSender(pc, transceiver.sender));
    pc.onTrack.subscribe((track) => this.#watchSource(track));
    pc.connectionStateChange.subscribe((state) => {
      if (state === 'connected') {
        // What was asked before the link could carry media is lost: ask for what it sends now.
        for (const t of pc.getTransceivers()) {
          const track = this.#trackOf.get(t.sender);
          if (track?.kind === 'video') this.#throttle.request(track);
        }
        return;
      }
      if (state !== 'closed') return;
      this.#pcs.delete(pc);
      for (const t of pc.getTransceivers()) {
        this.#senderTrackChanged(t.sender, null);
        this.#linkOf.delete(t.sender);
      }
    });
  }

  /** Names the origin of a received track (from the stream manifest, via the mesh runtime). */
  setOrigin(track: MediaStreamTrack, origin: PeerId): void {
    this.#origins.set(track, origin);
    this.#watchSource(track);
  }

  /** Outgoing senders now carrying `origin`'s media. */
  receiversOf(origin: PeerId): number {
    let n = 0;
    for (const [track, senders] of this.#sendersOf) {
      if (this.#origins.get(track) === origin) n += senders.size;
    }
    return n;
  }

  /** The open peer connections of the room. */
  links(): RTCPeerConnection[] {
    return [...this.#pcs];
  }

  /** The origin of a received track, once the manifest named it. */
  originOf(track: MediaStreamTrack): PeerId | undefined {
    return this.#origins.get(track);
  }

  /** The links a received track is forwarded on now. */
  outLinksOf(track: MediaStreamTrack): RTCPeerConnection[] {
    const links: RTCPeerConnection[] = [];
    for (const sender of this.#sendersOf.get(track) ?? []) {
      const link = this.#linkOf.get(sender);
      if (link !== undefined) links.push(link);
    }
    return links;
  }

  /** The video tracks the hub forwards on `pc` now. */
  videoSentOn(pc: RTCPeerConnection): MediaStreamTrack[] {
    const tracks: MediaStreamTrack[] = [];
    for (const [sender, track] of this.#trackOf) {
      if (track.kind === 'video' && this.#linkOf.get(sender) === pc) tracks.push(track);
    }
    return tracks;
  }

  /** Bytes `track` has taken on the wire so far: its RTP packets and `WIRE_OVERHEAD_BYTES` each. */
  wireBytesReceived(track: MediaStreamTrack): number {
    return this.#bytes.get(track) ?? 0;
  }

  /** Tracks being forwarded to at least one receiver. */
  get forwardedStreams(): number {
    let n = 0;
    for (const senders of this.#sendersOf.values()) if (senders.size > 0) n++;
    return n;
  }

  /** Every peer connection's transceivers: what each sends (and from whom) and receives. */
  describeLinks(): LinkView[] {
    return [...this.#pcs].map((pc) => ({
      connectionState: pc.connectionState,
      transceivers: pc.getTransceivers().map((t) => {
        const track = this.#trackOf.get(t.sender);
        const sender = t.sender as unknown as SenderInternals;
        return {
          mid: t.mid ?? null,
          kind: t.kind,
          direction: t.direction,
          currentDirection: t.currentDirection ?? null,
          send:
            track === undefined
              ? null
              : {
                  origin: this.#origins.get(track) ?? null,
                  packets: sender.packetCount ?? 0,
                  codec: sender.codec?.mimeType ?? null,
                  canSend: sender.canSendRtp?.call(t.sender) ?? false,
                },
          receive: t.receiver.tracks.map((r) => ({
            origin: this.#origins.get(r) ?? null,
            ssrc: r.ssrc ?? null,
            bytes: this.#bytes.get(r) ?? 0,
          })),
        };
      }),
    }));
  }

  /** Idempotent: stops throttled requests; the peer connections belong to the mesh runtime. */
  close(): void {
    this.#closed = true;
    this.#throttle.close();
    this.#pcs.clear();
    this.#sendersOf.clear();
    this.#trackOf.clear();
    this.#linkOf.clear();
  }

  #watchSender(pc: RTCPeerConnection, sender: RTCRtpSender): void {
    this.#linkOf.set(sender, pc);
    const replace = sender.replaceTrack.bind(sender);
    sender.replaceTrack = async (track) => {
      await replace(track);
      this.#senderTrackChanged(sender, track);
    };
    sender.onPictureLossIndication.subscribe(() => this.#keyframeWanted(sender));
    sender.onRtcp.subscribe((packet) => {
      if (packet instanceof RtcpPayloadSpecificFeedback && packet.feedback.count === FIR_FORMAT) {
        this.#keyframeWanted(sender);
      }
    });
    sender.onGenericNack.subscribe((nack) => {
      const track = this.#trackOf.get(sender);
      if (track !== undefined) this.counters.add(track, 'packetsRetransmitted', nack.lost.length);
    });
    // addTransceiver(track) hands the track over while it builds the sender.
    queueMicrotask(() => this.#senderTrackChanged(sender, sender.track));
  }

  #senderTrackChanged(sender: RTCRtpSender, track: MediaStreamTrack | null): void {
    const before = this.#trackOf.get(sender);
    if (before === track) return;
    if (before !== undefined) {
      this.#sendersOf.get(before)?.delete(sender);
      this.#trackOf.delete(sender);
    }
    if (track === null || !track.remote || this.#closed) return;
    this.#trackOf.set(sender, track);
    let senders = this.#sendersOf.get(track);
    if (senders === undefined) {
      senders = new Set();
      this.#sendersOf.set(track, senders);
    }
    senders.add(sender);
    this.#watchSource(track);
    // A new receiver cannot decode until the next keyframe: ask for one now.
    if (track.kind === 'video') this.#throttle.request(track);
  }

  #watchSource(track: MediaStreamTrack): void {
    if (!track.remote || this.#watched.has(track)) return;
    this.#watched.add(track);
    let flowing = false;
    track.onReceiveRtp.subscribe((rtp) => {
      this.#bytes.set(
        track,
        (this.#bytes.get(track) ?? 0) + rtp.serializeSize + WIRE_OVERHEAD_BYTES,
      );
      if (!flowing) {
        flowing = true;
        // Requests made for receivers before the origin's packets flowed may have been lost on
        // a link that was not up yet: ask once more now that the origin is heard.
        if (track.kind === 'video' && (this.#sendersOf.get(track)?.size ?? 0) > 0) {
          this.#throttle.request(track);
        }
      }
      this.counters.add(track, 'packetsReceived');
      const out = this.#sendersOf.get(track)?.size ?? 0;
      if (out > 0) this.counters.add(track, 'packetsForwarded', out);
    });
  }

  #keyframeWanted(sender: RTCRtpSender): void {
    const track = this.#trackOf.get(sender);
    if (track === undefined) return;
    this.counters.add(track, 'keyframeRequestsReceived');
    this.#throttle.request(track);
  }

  #askOrigin(track: MediaStreamTrack): void {
    const ssrc = track.ssrc;
    if (ssrc === undefined) return;
    for (const pc of this.#pcs) {
      for (const t of pc.getTransceivers()) {
        if (!t.receiver.tracks.includes(track)) continue;
        this.counters.add(track, 'keyframeRequestsSent');
        t.receiver.sendRtcpPLI(ssrc).catch((error: unknown) => {
          this.#logger.debug('keyframe request not sent', { error: String(error) });
        });
        return;
      }
    }
  }
}
