import type { FeedSnapshot } from '@meshwork/protocol';
import { FEED_REPLAY_EVENTS } from '@meshwork/protocol';
import { feedDiff } from './feedState';
import { ReplayBuffer } from './ReplayBuffer';

/** Where one watcher's events go (an SSE stream, or a test double). */
export interface FeedSink {
  send(id: string, event: string, data: unknown): void;
  /** Ends the watcher's stream (it may reconnect, and is checked afresh). */
  close(): void;
}

/**
 * One room's feed: the state watchers last saw, its numbered replay buffer and the watchers.
 * `update` turns a change of the room into events for all of them (SPEC [P20]).
 */
export class RoomFeed {
  private readonly buffer: ReplayBuffer;
  private readonly sinks = new Set<FeedSink>();

  constructor(
    private state: FeedSnapshot,
    life: string,
    capacity = FEED_REPLAY_EVENTS,
  ) {
    this.buffer = new ReplayBuffer(capacity, life);
  }

  /** Watchers of this room. */
  get size(): number {
    return this.sinks.size;
  }

  /** Records the room's new state and sends each event it makes to every watcher. */
  update(next: FeedSnapshot): void {
    const events = feedDiff(this.state, next);
    this.state = next;
    for (const event of events) {
      const { id } = this.buffer.push(event);
      for (const sink of this.sinks) sink.send(id, event.event, event.data);
    }
  }

  /** Ends every watcher's stream. */
  end(): void {
    for (const sink of [...this.sinks]) sink.close();
    this.sinks.clear();
  }

  /**
   * Adds a watcher: the events after `lastEventId` when the buffer still holds them all, else a
   * snapshot (carrying the newest id, so a later reconnect can resume from it). Returns its remover.
   */
  add(sink: FeedSink, lastEventId: string | null): () => void {
    const missed = lastEventId === null ? null : this.buffer.since(lastEventId);
    if (missed === null) sink.send(this.buffer.lastId, 'snapshot', this.state);
    else for (const { id, event } of missed) sink.send(id, event.event, event.data);
    this.sinks.add(sink);
    return () => {
      this.sinks.delete(sink);
    };
  }
}
