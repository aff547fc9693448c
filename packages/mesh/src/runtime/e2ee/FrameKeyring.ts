import type { PeerId } from '@meshwork/protocol';
import { FrameCounter, type FrameKey } from './frameCipher';

/** Keys kept per sender: its current one and the one before, for frames still in flight. */
export const KEYS_KEPT_PER_SENDER = 2;

/**
 * The frame keys one page holds (SPEC [P31]): its own sending key with its frame counter, and
 * the last keys of every other sender, by key id.
 */
export class FrameKeyring {
  #send: { key: FrameKey; counter: FrameCounter } | null = null;
  readonly #receive = new Map<PeerId, FrameKey[]>();

  /** Makes `key` this page's sending key, with a fresh counter. */
  setSendKey(key: FrameKey): void {
    this.#send = { key, counter: new FrameCounter() };
  }

  /** The sending key and its counter, or null before the first. */
  get send(): { key: FrameKey; counter: FrameCounter } | null {
    return this.#send;
  }

  /** Keeps `key` for its owner's frames; the oldest beyond `KEYS_KEPT_PER_SENDER` goes. */
  addReceiveKey(key: FrameKey): void {
    const kept = (this.#receive.get(key.owner) ?? []).filter((k) => k.keyId !== key.keyId);
    kept.unshift(key);
    this.#receive.set(key.owner, kept.slice(0, KEYS_KEPT_PER_SENDER));
  }

  /** `owner`'s key with `keyId`, if held. */
  receiveKey(owner: PeerId, keyId: number): FrameKey | undefined {
    return this.#receive.get(owner)?.find((k) => k.keyId === keyId);
  }

  /** Forgets every key of `owner` (it left, or a test withholds it). */
  dropOwner(owner: PeerId): void {
    this.#receive.delete(owner);
  }
}
