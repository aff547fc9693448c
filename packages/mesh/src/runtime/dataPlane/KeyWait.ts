import { type Clock, Timers } from '@meshwork/kit';
import type { PeerId, SignedPeerMessage } from '@meshwork/protocol';

/** Signed messages held at once for origins whose key the room has not published yet ([M19]). */
export const UNKNOWN_ORIGIN_HOLD_MAX = 64;
/** How long such a message waits for its origin's key before it is dropped. */
export const UNKNOWN_ORIGIN_HOLD_MS = 10_000;

/** A message waiting for its origin's key, and the link it arrived on. */
export interface HeldMessage {
  from: PeerId;
  message: SignedPeerMessage;
}

/**
 * Signed messages whose origin has no published key yet: a new peer's first chat can overtake
 * the room view that carries its key. Held briefly and in bounded number, never shown or
 * relayed while held; replayed through the full checks once keys arrive.
 */
export class KeyWait {
  readonly #held = new Map<number, HeldMessage>();
  readonly #timers: Timers<string>;
  #nextId = 0;

  readonly #expired: (held: HeldMessage) => void;
  constructor(clock: Clock, expired: (held: HeldMessage) => void) {
    this.#expired = expired;
    this.#timers = new Timers(clock);
  }

  /** Holds `message`; false (nothing held) when the bound is reached. */
  hold(from: PeerId, message: SignedPeerMessage): boolean {
    if (this.#held.size >= UNKNOWN_ORIGIN_HOLD_MAX) return false;
    const id = this.#nextId++;
    const entry = { from, message };
    this.#held.set(id, entry);
    this.#timers.set(String(id), UNKNOWN_ORIGIN_HOLD_MS, () => {
      this.#held.delete(id);
      this.#expired(entry);
    });
    return true;
  }

  /** Takes every held message whose origin `known` now accepts, in arrival order. */
  release(known: (origin: PeerId) => boolean): HeldMessage[] {
    const out: HeldMessage[] = [];
    for (const [id, entry] of this.#held) {
      if (!known(entry.message.origin)) continue;
      this.#held.delete(id);
      this.#timers.clear(String(id));
      out.push(entry);
    }
    return out;
  }

  /** Messages held now. */
  get size(): number {
    return this.#held.size;
  }

  /** Drops everything held, without reporting it. */
  clear(): void {
    this.#timers.clearAll();
    this.#held.clear();
  }
}
