import type { PeerId } from '@meshwork/protocol';
import type { FrameProtector } from './FrameProtector';

/**
 * The frame transforms of one link (SPEC [P31]): every sender and receiver it makes is piped
 * through the page's protector once, and each receiver's route (the origin its manifest names,
 * and this link's far end) is told to the transforms whenever the manifest changes it.
 */
export class LinkProtection {
  readonly #protected = new WeakMap<RTCRtpSender | RTCRtpReceiver, number>();
  readonly #routes = new Map<number, PeerId>();
  #closed = false;

  readonly #protector: FrameProtector;
  readonly #peer: PeerId;

  constructor(protector: FrameProtector, peer: PeerId) {
    this.#protector = protector;
    this.#peer = peer;
  }

  /** Pipes a sender this link just made. */
  sender(sender: RTCRtpSender, kind: string): void {
    this.#once(sender, 'send', kind);
  }

  /**
   * Pipes a receiver the moment the engine makes it (its `track` event, inside
   * `setRemoteDescription`): Chromium passes frames of a receiver whose transform came later
   * straight to the decoder, as ciphertext. Its route follows with the manifest.
   */
  receiver(receiver: RTCRtpReceiver): void {
    this.#once(receiver, 'receive', receiver.track.kind);
  }

  /**
   * Pipes every receiver of the connection not piped yet and tells the transforms where each
   * named one's frames come from; `originByMid` is the far end's manifest just applied.
   */
  receivers(transceivers: readonly RTCRtpTransceiver[], originByMid: ReadonlyMap<string, PeerId>) {
    for (const transceiver of transceivers) {
      const receiver = transceiver.receiver;
      const id = this.#once(receiver, 'receive', receiver.track.kind);
      if (id === null) continue;
      const origin = transceiver.mid === null ? undefined : originByMid.get(transceiver.mid);
      if (origin === undefined || this.#routes.get(id) === origin) continue;
      this.#routes.set(id, origin);
      this.#protector.control({ type: 'route', id, origin, via: this.#peer });
    }
  }

  /** Idempotent: the transforms forget this link's routes. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const id of this.#routes.keys()) this.#protector.control({ type: 'forget', id });
    this.#routes.clear();
  }

  #once(target: RTCRtpSender | RTCRtpReceiver, side: 'send' | 'receive', kind: string) {
    if (this.#closed || (kind !== 'audio' && kind !== 'video')) return null;
    const known = this.#protected.get(target);
    if (known !== undefined) return known;
    const id = this.#protector.protect(target, side, kind);
    this.#protected.set(target, id);
    return id;
  }
}
