import type { Clock } from '@meshwork/kit';
import type { PeerMessage } from '@meshwork/protocol';
import type { NamedTimers } from './timers';

/** Interval of RTT pings on the control channel. */
export const PING_INTERVAL_MS = 500;

/** Timer names an RttProbe uses. */
export type RttTimer = 'ping';

/**
 * Round-trip time over the control channel ([M7]): a ping every `PING_INTERVAL_MS` once the
 * channel opens, the far end's pong measures it, and this end answers the far end's pings.
 */
export class RttProbe {
  #seq = 0;
  readonly #inFlight = new Map<number, number>();
  #last: number | null = null;
  #closed = false;

  readonly #clock: Clock;
  readonly #timers: NamedTimers<RttTimer>;
  readonly #send: (message: PeerMessage) => void;
  constructor(clock: Clock, timers: NamedTimers<RttTimer>, send: (message: PeerMessage) => void) {
    this.#clock = clock;
    this.#timers = timers;
    this.#send = send;
  }

  /** Last RTT measured, in milliseconds; null before the first pong. */
  get rttMs(): number | null {
    return this.#last;
  }

  /** Pings now and every `PING_INTERVAL_MS` after. */
  start(): void {
    if (this.#closed) return;
    // Unanswered pings are forgotten so a silent peer cannot grow the map.
    this.#inFlight.clear();
    const id = this.#seq++;
    this.#inFlight.set(id, this.#clock.now());
    this.#send({ t: 'ping', id });
    this.#timers.set('ping', PING_INTERVAL_MS, () => this.start());
  }

  /** Answers a ping or measures a pong; false for any other message, which is not its own. */
  handle(message: PeerMessage): boolean {
    switch (message.t) {
      case 'ping':
        if (!this.#closed) this.#send({ t: 'pong', id: message.id });
        return true;
      case 'pong': {
        const sentAt = this.#inFlight.get(message.id);
        if (sentAt === undefined) return true;
        this.#inFlight.delete(message.id);
        this.#last = this.#clock.now() - sentAt;
        return true;
      }
      default:
        return false;
    }
  }

  /** Idempotent: no more pings or answers; the link clears the timer. */
  close(): void {
    this.#closed = true;
  }
}
