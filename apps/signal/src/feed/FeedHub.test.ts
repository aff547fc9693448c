import { FakeClock, noopLogger } from '@meshwork/kit';
import { describe, expect, it } from 'vitest';
import { newRoom, type RoomState } from '../registry/Room';
import { FEED_LINGER_MS, FeedHub } from './FeedHub';
import type { FeedSink } from './RoomFeed';

function sink(): FeedSink & { got: string[]; closed: boolean } {
  const s = {
    got: [] as string[],
    closed: false,
    send: (_id: string, event: string) => s.got.push(event),
    close: () => {
      s.closed = true;
    },
  };
  return s;
}

describe('[P20] FeedHub', () => {
  it('keeps a room feed for FEED_LINGER_MS after its last watcher, then forgets it', () => {
    const clock = new FakeClock();
    let room: RoomState | undefined = newRoom('quiet-room', null);
    const hub = new FeedHub({ inspect: () => room, clock, logger: noopLogger });
    const stop = hub.subscribe('quiet-room', sink(), null);
    expect([hub.subscriptions, hub.feeds]).toEqual([1, 1]);
    stop();
    stop();
    expect([hub.subscriptions, hub.feeds]).toEqual([0, 1]);
    clock.advance(FEED_LINGER_MS - 1);
    expect(hub.feeds).toBe(1);
    clock.advance(1);
    expect(hub.feeds).toBe(0);

    // A watcher of a room that is gone by the time it subscribes is closed at once.
    room = undefined;
    const late = sink();
    hub.subscribe('quiet-room', late, null);
    expect(late.closed).toBe(true);
    expect([hub.subscriptions, hub.feeds]).toEqual([0, 0]);
  });

  it('ends the streams of a room given a password, without sending what follows', () => {
    const clock = new FakeClock();
    const room = newRoom('open-room', null);
    const hub = new FeedHub({ inspect: () => room, clock, logger: noopLogger });
    const watcher = sink();
    const stop = hub.subscribe('open-room', watcher, null);
    room.passwordHash = 'hash';
    room.topology = 'ring';
    hub.refresh();
    expect(watcher.closed).toBe(true);
    expect(watcher.got).toEqual(['snapshot']);
    expect(hub.feeds).toBe(0);
    // The stream's owner removes the ended watcher: a dropped feed has nothing to linger for.
    stop();
    expect(hub.subscriptions).toBe(0);
    expect(clock.pending).toBe(0);
  });
});
