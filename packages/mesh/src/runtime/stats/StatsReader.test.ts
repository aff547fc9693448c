import { FakeClock } from '@meshwork/kit';
import { describe, expect, it } from 'vitest';
import { ScriptedLink } from '../testing/scriptedLink';
import { StatsReader } from './StatsReader';

describe('StatsReader', () => {
  it('[M18] one link failing to report does not fail the read: it shows its status, zero numbers', async () => {
    const clock = new FakeClock();
    const good = new ScriptedLink('peer-good', [{ bytesReceived: 0 }, { bytesReceived: 250_000 }]);
    const bad = new ScriptedLink('peer-badd', [new Error('closed')]);
    bad.status = 'restarting';
    const reader = new StatsReader(clock);
    await reader.read([good, bad]);
    clock.advance(1_000);
    const stats = await reader.read([good, bad]);
    expect(stats.map((s) => s.peer)).toEqual(['peer-good', 'peer-badd']);
    expect(stats[0]).toMatchObject({ status: 'connected', inboundKbps: 2_000 });
    expect(stats[1]).toEqual({
      peer: 'peer-badd',
      status: 'restarting',
      rttMs: 12,
      outboundKbps: 0,
      inboundKbps: 0,
      packetLoss: 0,
      framesDecoded: 0,
      candidateType: null,
    });
  });

  it('[M18] a link that throws instead of rejecting fails only itself', async () => {
    const good = new ScriptedLink('peer-good', [{}]);
    const thrower = new ScriptedLink('peer-thro', [{}]);
    thrower.statsReport = () => {
      throw new Error('sync failure');
    };
    const stats = await new StatsReader(new FakeClock()).read([thrower, good]);
    expect(stats.map((s) => [s.peer, s.status])).toEqual([
      ['peer-thro', 'connected'],
      ['peer-good', 'connected'],
    ]);
  });

  it('[M18] each reader keeps its own window, so one reading does not shorten another', async () => {
    const clock = new FakeClock();
    const link = new ScriptedLink('peer-aaaa', [
      { bytesSent: 0 },
      { bytesSent: 125_000 },
      { bytesSent: 250_000 },
    ]);
    const sampler = new StatsReader(clock);
    const oneOff = new StatsReader(clock);
    await sampler.read([link]);
    clock.advance(1_000);
    await oneOff.read([link]);
    clock.advance(1_000);
    const [stats] = await sampler.read([link]);
    // 250 kB over the sampler's own 2 s window, not 125 kB over the last second.
    expect(stats?.outboundKbps).toBe(1_000);
  });

  it('[M18] a new link life to the same peer starts a fresh window', async () => {
    const clock = new FakeClock();
    const reader = new StatsReader(clock);
    await reader.read([new ScriptedLink('peer-aaaa', [{ packetsLost: 40, packetsReceived: 60 }])]);
    clock.advance(2_000);
    const fresh = new ScriptedLink('peer-aaaa', [{ packetsLost: 0, packetsReceived: 10 }]);
    const [stats] = await reader.read([fresh]);
    expect(stats).toMatchObject({ packetLoss: 0, inboundKbps: 0 });
  });
});
