import { FakeClock, Timers } from '@meshwork/kit';
import type { PeerMessage } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { PING_INTERVAL_MS, RttProbe, type RttTimer } from './RttProbe';

function harness() {
  const clock = new FakeClock();
  const timers = new Timers<RttTimer>(clock);
  const sent: PeerMessage[] = [];
  const probe = new RttProbe(clock, timers, (m) => sent.push(m));
  return { clock, timers, sent, probe };
}

describe('RttProbe', () => {
  it('[M7] pings at once and every PING_INTERVAL_MS; a pong measures the round trip', () => {
    const h = harness();
    h.probe.start();
    expect(h.sent).toEqual([{ t: 'ping', id: 0 }]);
    h.clock.advance(30);
    expect(h.probe.handle({ t: 'pong', id: 0 })).toBe(true);
    expect(h.probe.rttMs).toBe(30);
    h.clock.advance(PING_INTERVAL_MS - 30);
    expect(h.sent).toEqual([
      { t: 'ping', id: 0 },
      { t: 'ping', id: 1 },
    ]);
  });

  it('[M7] answers the far end ping; an unknown or stale pong measures nothing', () => {
    const h = harness();
    expect(h.probe.handle({ t: 'ping', id: 9 })).toBe(true);
    expect(h.sent).toEqual([{ t: 'pong', id: 9 }]);
    h.probe.start();
    h.clock.advance(PING_INTERVAL_MS);
    // The first ping went unanswered and was forgotten when the second went out.
    expect(h.probe.handle({ t: 'pong', id: 0 })).toBe(true);
    expect(h.probe.handle({ t: 'pong', id: 42 })).toBe(true);
    expect(h.probe.rttMs).toBeNull();
  });

  it('[M7] room data is not its own', () => {
    const h = harness();
    const chat = {
      t: 'chat',
      origin: 'peer-aaaa',
      seq: 0,
      text: 'hi',
      sentAt: 0,
      sig: '',
    } as const;
    expect(h.probe.handle(chat)).toBe(false);
  });

  it('[M8] after close it neither pings nor answers', () => {
    const h = harness();
    h.probe.close();
    h.probe.start();
    h.probe.handle({ t: 'ping', id: 1 });
    expect(h.sent).toEqual([]);
    expect(h.timers.size).toBe(0);
  });
});
