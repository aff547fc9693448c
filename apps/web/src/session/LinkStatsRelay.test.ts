import type { LinkStats } from '@meshwork/mesh/runtime';
import { describe, expect, it, vi } from 'vitest';
import { FakeSession, ids } from '../test/fakes';
import { LinkStatsRelay } from './LinkStatsRelay';

function stats(peer: string, rttMs: number): LinkStats {
  return {
    peer,
    status: 'connected',
    rttMs,
    outboundKbps: 0,
    inboundKbps: 0,
    packetLoss: 0,
    framesDecoded: 0,
    candidateType: 'host',
  };
}

describe('LinkStatsRelay', () => {
  it('shares one session subscription among all its listeners, and only while it has some', () => {
    const relay = new LinkStatsRelay();
    const session = new FakeSession();
    relay.follow(session);
    expect(session.subscribeStats).not.toHaveBeenCalled();

    const a = vi.fn();
    const b = vi.fn();
    const offA = relay.subscribe(a);
    const offB = relay.subscribe(b);
    expect(session.subscribeStats).toHaveBeenCalledTimes(1);

    const sample = [stats(ids.ana, 20)];
    session.pushStats(sample);
    expect(a).toHaveBeenCalledWith(sample);
    expect(b).toHaveBeenCalledWith(sample);
    expect(relay.latest).toBe(sample);

    offA();
    offA();
    expect(session.statsListeners.size).toBe(1);
    offB();
    expect(session.statsListeners.size).toBe(0);
  });

  it('moves its subscription to the next session and drops the numbers of the last one', () => {
    const relay = new LinkStatsRelay();
    const first = new FakeSession();
    const second = new FakeSession();
    const listener = vi.fn();
    relay.subscribe(listener);
    relay.follow(first);
    first.pushStats([stats(ids.ana, 20)]);

    relay.follow(second);
    expect(first.statsListeners.size).toBe(0);
    expect(second.statsListeners.size).toBe(1);
    expect(relay.latest).toEqual([]);
    expect(listener).toHaveBeenLastCalledWith([]);

    relay.follow(null);
    expect(second.statsListeners.size).toBe(0);
  });

  it('keeps feeding the other listeners when one throws', () => {
    const relay = new LinkStatsRelay();
    const session = new FakeSession();
    relay.follow(session);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    relay.subscribe(() => {
      throw new Error('broken badge');
    });
    const other = vi.fn();
    relay.subscribe(other);
    session.pushStats([stats(ids.ana, 20)]);
    expect(other).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalled();
  });
});
