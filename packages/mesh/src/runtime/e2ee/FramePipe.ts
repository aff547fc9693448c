import type { PeerId } from '@meshwork/protocol';
import { FrameKeyring } from './FrameKeyring';
import { decryptFrame, deriveFrameKey, encryptFrame, type FrameKind } from './frameCipher';
import type { FrameControl, FrameCounts, TransformOptions } from './workerMessages';

/** An encoded audio or video frame, as insertable streams give it. */
export interface EncodedFrame {
  data: ArrayBuffer;
  /** Video only: `key`, `delta` or `empty`. */
  type?: string;
}

/** The origin id frames are counted under before a receiver's route is known. */
export const UNROUTED = 'unrouted';

/**
 * The frame side of end-to-end encryption (SPEC [P31]), the same in a worker
 * (`RTCRtpScriptTransform`) and on the page (`createEncodedStreams`): it holds the keys and
 * encrypts or decrypts each frame. A frame that no held key opens is dropped and counted under
 * its origin; nothing a peer sends can make it throw.
 */
export class FramePipe {
  readonly #keyring = new FrameKeyring();
  readonly #routes = new Map<number, { origin: PeerId; via: PeerId }>();
  #enabled = false;
  readonly counts: FrameCounts = { encrypted: 0, withheld: 0, decrypted: {}, failed: {} };
  /** Set on every counted change; the reporter clears it. */
  dirty = false;

  readonly #subtle: SubtleCrypto;
  readonly #keyFrameWanted: (origin: PeerId) => void;
  constructor(
    subtle: SubtleCrypto,
    /** Asks the receivers of `origin`'s streams for a key frame (a new key just landed). */
    keyFrameWanted: (origin: PeerId) => void = () => {},
  ) {
    this.#subtle = subtle;
    this.#keyFrameWanted = keyFrameWanted;
  }

  /** Applies one control message from the page; bad key material is ignored, never thrown. */
  async control(message: FrameControl): Promise<void> {
    switch (message.type) {
      case 'enabled':
        this.#enabled = message.enabled;
        return;
      case 'sendKey':
        this.#keyring.setSendKey(
          await deriveFrameKey(this.#subtle, message.material, message.owner, message.keyId),
        );
        return;
      case 'receiveKey':
        this.#keyring.addReceiveKey(
          await deriveFrameKey(this.#subtle, message.material, message.owner, message.keyId),
        );
        this.#keyFrameWanted(message.owner);
        return;
      case 'dropOwner':
        this.#keyring.dropOwner(message.owner);
        return;
      case 'route':
        this.#routes.set(message.id, { origin: message.origin, via: message.via });
        return;
      case 'forget':
        this.#routes.delete(message.id);
        return;
    }
  }

  /** The origin a receiver's frames are from, if its route is known. */
  originOf(id: number): PeerId | undefined {
    return this.#routes.get(id)?.origin;
  }

  /** The frame to pass on (changed in place), or null to drop it. */
  async transform(frame: EncodedFrame, options: TransformOptions): Promise<EncodedFrame | null> {
    return options.side === 'send' ? this.#send(frame, options) : this.#receive(frame, options);
  }

  async #send(frame: EncodedFrame, options: TransformOptions): Promise<EncodedFrame | null> {
    if (!this.#enabled) return frame;
    const send = this.#keyring.send;
    if (send === null) {
      this.counts.withheld += 1;
      this.dirty = true;
      return null;
    }
    frame.data = await encryptFrame(
      this.#subtle,
      send.key,
      send.counter.next(),
      kindOf(frame, options),
      frame.data,
    );
    this.counts.encrypted += 1;
    this.dirty = true;
    return frame;
  }

  async #receive(frame: EncodedFrame, options: TransformOptions): Promise<EncodedFrame | null> {
    const route = this.#routes.get(options.id);
    if (route !== undefined && frame.data.byteLength > 0) {
      const keyId = new Uint8Array(frame.data)[frame.data.byteLength - 1] ?? -1;
      // The origin's key, or the link peer's where a browser relay re-encoded (and re-encrypted)
      // what it forwards.
      for (const owner of route.via === route.origin ? [route.origin] : [route.origin, route.via]) {
        const key = this.#keyring.receiveKey(owner, keyId);
        if (key === undefined) continue;
        const opened = await decryptFrame(this.#subtle, key, frame.data);
        if (opened === null) continue;
        frame.data = opened;
        this.#count(this.counts.decrypted, route.origin);
        return frame;
      }
    }
    // Nothing opened it: with encryption off it is plain media; with it on, it is dropped.
    if (!this.#enabled) return frame;
    this.#count(this.counts.failed, route?.origin ?? UNROUTED);
    return null;
  }

  #count(table: Record<PeerId, number>, origin: PeerId): void {
    table[origin] = (table[origin] ?? 0) + 1;
    this.dirty = true;
  }
}

function kindOf(frame: EncodedFrame, options: TransformOptions): FrameKind {
  if (options.kind === 'audio') return 'audio';
  return frame.type === 'key' ? 'video-key' : 'video-delta';
}
