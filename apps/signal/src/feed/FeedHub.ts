import { randomBytes } from 'node:crypto';
import { type Clock, type Logger, Timers } from '@meshwork/kit';
import type { RoomState } from '../registry/Room';
import type { Effect } from '../registry/types';
import { feedState } from './feedState';
import { type FeedSink, RoomFeed } from './RoomFeed';

/**
 * How long a room's feed outlives its last watcher, so a watcher that reconnects within it gets
 * the events it missed rather than a fresh snapshot.
 */
export const FEED_LINGER_MS = 60_000;

/** What the hub needs: a read-only look at a room, a clock for lingering feeds, a logger. */
export interface FeedHubDeps {
  inspect(roomId: string): Readonly<RoomState> | undefined;
  clock: Clock;
  logger: Logger;
}

interface Entry {
  feed: RoomFeed;
  /** The room the watchers were let into, and its password then. */
  room: Readonly<RoomState>;
  passwordHash: string | null;
}

/**
 * The live room feeds (SPEC [P20]): one `RoomFeed` per watched room, refreshed after every
 * delivery of registry effects, kept for FEED_LINGER_MS after its last watcher leaves.
 */
export class FeedHub {
  private readonly rooms = new Map<string, Entry>();
  private watchers = 0;
  private readonly log: Logger;
  /** Linger timers, by room id. */
  private readonly lingers: Timers;

  constructor(private readonly deps: FeedHubDeps) {
    this.log = deps.logger.child('feed');
    this.lingers = new Timers(deps.clock);
  }

  /** Open subscriptions across every room. */
  get subscriptions(): number {
    return this.watchers;
  }

  /** Rooms with a feed (watched, or lingering after their last watcher). */
  get feeds(): number {
    return this.rooms.size;
  }

  /**
   * Called after each delivery of registry effects. Relayed signals change nothing a watcher
   * sees, so a batch of only those (the bulk of traffic) skips the comparison.
   */
  delivered(effects: readonly Effect[]): void {
    if (this.rooms.size === 0) return;
    if (effects.length > 0 && effects.every((e) => e.type === 'emit' && e.event === 'signal'))
      return;
    this.refresh();
  }

  /**
   * Compares every watched room with what its watchers saw; never throws into delivery. A room
   * that ended is shown empty and its streams end; one whose password changed (or a new room
   * under the same id) ends its streams at once, so every watcher is checked against it afresh.
   */
  refresh(): void {
    for (const [roomId, entry] of this.rooms) {
      try {
        const room = this.deps.inspect(roomId);
        if (room === entry.room && room.passwordHash === entry.passwordHash) {
          entry.feed.update(feedState(roomId, room));
          continue;
        }
        if (room === undefined) entry.feed.update(feedState(roomId, undefined));
        this.drop(roomId, entry);
      } catch (err) {
        this.log.error('feed refresh failed', { err, roomId });
      }
    }
  }

  /** Adds a watcher of `roomId` (see `RoomFeed.add`); the remover is idempotent. */
  subscribe(roomId: string, sink: FeedSink, lastEventId: string | null): () => void {
    const room = this.deps.inspect(roomId);
    if (room === undefined) {
      // Gone while its password was checked: the watcher reconnects and is refused.
      sink.close();
      return () => {};
    }
    let entry = this.rooms.get(roomId);
    if (entry !== undefined && (entry.room !== room || entry.passwordHash !== room.passwordHash)) {
      this.drop(roomId, entry);
      entry = undefined;
    }
    if (entry === undefined) {
      const feed = new RoomFeed(feedState(roomId, room), randomBytes(6).toString('hex'));
      entry = { feed, room, passwordHash: room.passwordHash };
      this.rooms.set(roomId, entry);
    }
    this.lingers.clear(roomId);
    const remove = entry.feed.add(sink, lastEventId);
    this.watchers += 1;
    const held = entry;
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      remove();
      this.watchers -= 1;
      // A feed already dropped (or replaced under the same id) has nothing left to linger.
      if (held.feed.size > 0 || this.rooms.get(roomId) !== held) return;
      this.lingers.set(roomId, FEED_LINGER_MS, () => {
        if (this.rooms.get(roomId) === held && held.feed.size === 0) this.rooms.delete(roomId);
      });
    };
  }

  private drop(roomId: string, entry: Entry): void {
    this.lingers.clear(roomId);
    this.rooms.delete(roomId);
    entry.feed.end();
  }

  /** Forgets every feed and timer (watchers' streams are closed by their owners). */
  close(): void {
    this.lingers.clearAll();
    this.rooms.clear();
  }
}
