/**
 * Runs async operations one at a time, in the order they were pushed. A failing operation
 * rejects its own promise and never blocks the ones after it.
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();
  #pending = 0;

  /** Queues `op`; resolves or rejects with its result once every earlier op has settled. */
  push<T>(op: () => Promise<T> | T): Promise<T> {
    this.#pending += 1;
    const run = this.#tail.then(op);
    const done = () => {
      this.#pending -= 1;
    };
    this.#tail = run.then(done, done);
    return run;
  }

  /** Operations queued or running. */
  get size(): number {
    return this.#pending;
  }
}
