import type { MeshEvents } from '@meshwork/mesh/runtime';

/** Signals produced while the socket is down are kept (newest last) up to this many. */
export const MAX_QUEUED_SIGNALS = 1_000;

/** A signal the mesh produced, addressed to a peer. */
export type OutgoingSignal = MeshEvents['signalProduced'];

/**
 * Signals the mesh produced while no joined socket could carry them, flushed in order after the
 * next join. Bounded: the oldest go first, since a newer offer or candidate supersedes them.
 */
export class SignalOutbox {
  #queue: OutgoingSignal[] = [];

  /** Queues a signal, dropping the oldest past MAX_QUEUED_SIGNALS. */
  push(signal: OutgoingSignal): void {
    this.#queue.push(signal);
    if (this.#queue.length > MAX_QUEUED_SIGNALS) this.#queue.shift();
  }

  /** Empties the queue and returns what it held, oldest first. */
  drain(): OutgoingSignal[] {
    const queued = this.#queue;
    this.#queue = [];
    return queued;
  }

  /** Drops every queued signal (they belong to a mesh that is gone). */
  clear(): void {
    this.#queue = [];
  }

  /** Signals waiting. */
  get size(): number {
    return this.#queue.length;
  }
}
