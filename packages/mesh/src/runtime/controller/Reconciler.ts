/**
 * Passes one reconcile may run back to back when its own effects (link events, listeners calling
 * back in) keep asking for another. Settling takes two or three; more means a feedback loop.
 */
export const RECONCILE_MAX_PASSES = 16;

/**
 * Funnels every change into one idempotent pass: a request during a pass runs one more pass
 * after it, never a nested one. Bounded by `RECONCILE_MAX_PASSES`: a loop that does not settle
 * is reported (`unsettled`) and left for the next change to resume, instead of spinning.
 */
export class Reconciler {
  readonly #pass: () => void;
  readonly #unsettled: (passes: number) => void;
  #running = false;
  #again = false;
  #stopped = false;

  constructor(pass: () => void, unsettled: (passes: number) => void) {
    this.#pass = pass;
    this.#unsettled = unsettled;
  }

  /** Runs a pass now, or once more after the one running. */
  request(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = true;
    let passes = 0;
    try {
      do {
        this.#again = false;
        passes += 1;
        this.#pass();
      } while (this.#again && !this.#stopped && passes < RECONCILE_MAX_PASSES);
    } finally {
      this.#running = false;
    }
    if (this.#again && !this.#stopped) {
      this.#again = false;
      this.#unsettled(passes);
    }
  }

  /** Idempotent: no pass runs after this, and a running one is the last. */
  stop(): void {
    this.#stopped = true;
  }
}
