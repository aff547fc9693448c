import type { PeerId, Signal } from '@meshwork/protocol';

/** Signals held for a link life whose plan has not arrived yet (the plan is on its way). */
export const EARLY_SIGNALS_MAX = 256;

interface EarlySignal {
  from: PeerId;
  epoch: number;
  signal: Signal;
}

/** Signals for link lives newer than every plan here, held until the plan opens them ([M17]). */
export class EarlySignals {
  readonly #held: EarlySignal[] = [];

  /** Holds `signal`; past `EARLY_SIGNALS_MAX` the oldest held one is dropped. */
  hold(from: PeerId, epoch: number, signal: Signal): void {
    if (this.#held.length >= EARLY_SIGNALS_MAX) this.#held.shift();
    this.#held.push({ from, epoch, signal });
  }

  /** Removes and returns, in arrival order, the signals held for the link life (from, epoch). */
  take(from: PeerId, epoch: number): Signal[] {
    const taken: Signal[] = [];
    for (let i = 0; i < this.#held.length; ) {
      const held = this.#held[i];
      if (held !== undefined && held.from === from && held.epoch === epoch) {
        taken.push(held.signal);
        this.#held.splice(i, 1);
      } else {
        i += 1;
      }
    }
    return taken;
  }

  /** Signals held now. */
  get size(): number {
    return this.#held.length;
  }

  /** Drops everything held. */
  clear(): void {
    this.#held.length = 0;
  }
}
