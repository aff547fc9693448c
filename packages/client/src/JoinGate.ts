/**
 * Whether the current connection has an accepted join. Server events that arrive while a join is
 * in flight are held, and run in order once the join is applied: the room they change must
 * exist first.
 */
export class JoinGate {
  #open = false;
  #held: Array<() => void> = [];

  /** True while the current connection is joined. */
  get isOpen(): boolean {
    return this.#open;
  }

  /** Runs `handle` now when joined, or holds it for `open()`. */
  run(handle: () => void): void {
    if (this.#open) handle();
    else this.#held.push(handle);
  }

  /** The join was accepted: marks it joined, runs `apply` (the join itself), then the held events. */
  open(apply: () => void): void {
    this.#open = true;
    apply();
    const held = this.#held;
    this.#held = [];
    for (const handle of held) handle();
  }

  /** The connection is gone: not joined, and held events are dropped (the next join resends). */
  shut(): void {
    this.#open = false;
    this.#held = [];
  }
}
