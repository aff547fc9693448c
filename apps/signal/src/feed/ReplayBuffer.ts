import type { FeedEvent } from '@meshwork/protocol';

/** A feed event with its SSE id. */
export interface NumberedEvent {
  id: string;
  event: FeedEvent;
}

/**
 * The last `capacity` events of one room's feed, numbered `<life>-<seq>` with `seq` growing by
 * one per event. `life` is random per buffer, so an id from an earlier life of the room (or
 * another server) never matches this one's numbers.
 */
export class ReplayBuffer {
  private readonly events: NumberedEvent[] = [];
  private seq = 0;

  constructor(
    private readonly capacity: number,
    private readonly life: string,
  ) {}

  /** The id of the newest event (`<life>-0` before any); a snapshot carries it. */
  get lastId(): string {
    return `${this.life}-${this.seq}`;
  }

  /** Numbers and keeps one event, dropping the oldest beyond capacity. */
  push(event: FeedEvent): NumberedEvent {
    this.seq += 1;
    const numbered = { id: `${this.life}-${this.seq}`, event };
    this.events.push(numbered);
    if (this.events.length > this.capacity) this.events.shift();
    return numbered;
  }

  /**
   * The events after `lastEventId`, or null when they cannot all be given (an unknown id, another
   * life, one from the future, or older than the buffer holds): the watcher needs a snapshot.
   */
  since(lastEventId: string): NumberedEvent[] | null {
    const match = /^([a-z0-9]+)-(\d{1,15})$/.exec(lastEventId);
    if (match?.[1] !== this.life) return null;
    const seq = Number(match[2]);
    if (seq > this.seq) return null;
    const oldest = this.seq - this.events.length + 1;
    if (seq < oldest - 1) return null;
    return this.events.slice(seq - oldest + 1);
  }
}
