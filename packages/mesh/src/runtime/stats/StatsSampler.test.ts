import { FakeClock, noopLogger, until } from '@meshwork/kit';
import { describe, expect, it } from 'vitest';
import { settle } from '../testing/linkPair';
import { ScriptedLink } from '../testing/scriptedLink';
import type { LinkStats } from '../types';
import { STATS_INTERVAL_MS, StatsSampler } from './StatsSampler';

function sampler(links: ScriptedLink[]) {
  const clock = new FakeClock();
  const s = new StatsSampler({ clock, logger: noopLogger, links: () => links });
  const samples: Array<readonly LinkStats[]> = [];
  return { clock, s, samples, record: (stats: readonly LinkStats[]) => samples.push(stats) };
}

describe('StatsSampler', () => {
  it('[M18] polls only while subscribed: at once, then once per interval', async () => {
    const link = new ScriptedLink('peer-aaaa', [{}]);
    const { clock, s, samples, record } = sampler([link]);
    expect(clock.pending).toBe(0);
    const off = s.subscribe(record);
    await until(() => samples.length === 1, { what: 'the first sample' });
    expect(clock.pending).toBe(1);
    clock.advance(STATS_INTERVAL_MS);
    await until(() => samples.length === 2, { what: 'the second sample' });
    off();
    off();
    expect(clock.pending).toBe(0);
    expect(s.latest).toEqual([]);
    clock.advance(STATS_INTERVAL_MS * 5);
    expect(link.reads).toBe(2);
  });

  it('[M18] many subscribers share one poll of every link', async () => {
    const links = [new ScriptedLink('peer-aaaa', [{}]), new ScriptedLink('peer-bbbb', [{}])];
    const { clock, s } = sampler(links);
    const seen = [0, 0, 0];
    const offs = seen.map((_, i) =>
      s.subscribe(() => {
        seen[i] = (seen[i] ?? 0) + 1;
      }),
    );
    await until(() => seen.every((n) => n === 1), { what: 'every subscriber sampled' });
    clock.advance(STATS_INTERVAL_MS);
    await until(() => seen.every((n) => n === 2), { what: 'every subscriber sampled again' });
    expect(links.map((l) => l.reads)).toEqual([2, 2]);
    expect(s.latest.map((l) => l.peer)).toEqual(['peer-aaaa', 'peer-bbbb']);
    for (const off of offs) off();
    expect(clock.pending).toBe(0);
  });

  it('[M18] a loss burst early, then clean windows: the link is back to no loss', async () => {
    const link = new ScriptedLink('peer-aaaa', [
      { packetsLost: 30, packetsReceived: 70, bytesReceived: 0 },
      { packetsLost: 30, packetsReceived: 270, bytesReceived: 500_000 },
      { packetsLost: 30, packetsReceived: 470, bytesReceived: 1_000_000 },
    ]);
    const { clock, s, samples, record } = sampler([link]);
    s.subscribe(record);
    for (let i = 1; i <= 3; i++) {
      await until(() => samples.length === i, { what: `sample ${i}` });
      clock.advance(STATS_INTERVAL_MS);
    }
    expect(samples.map((x) => x[0]?.packetLoss)).toEqual([0.3, 0, 0]);
    expect(samples.map((x) => x[0]?.inboundKbps)).toEqual([0, 2_000, 2_000]);
    s.close();
  });

  it('[M18] a throwing subscriber does not stop the others or the polling', async () => {
    const { clock, s, samples, record } = sampler([new ScriptedLink('peer-aaaa', [{}])]);
    s.subscribe(() => {
      throw new Error('broken tile');
    });
    s.subscribe(record);
    await until(() => samples.length === 1, { what: 'the first sample' });
    clock.advance(STATS_INTERVAL_MS);
    await until(() => samples.length === 2, { what: 'the second sample' });
    s.close();
  });

  it('[M18] resubscribing starts a fresh window; close stops everything for good', async () => {
    const link = new ScriptedLink('peer-aaaa', [
      { packetsLost: 0, packetsReceived: 100 },
      { packetsLost: 50, packetsReceived: 150 },
    ]);
    const { clock, s, samples, record } = sampler([link]);
    const off = s.subscribe(record);
    await until(() => samples.length === 1, { what: 'the first sample' });
    off();
    clock.advance(STATS_INTERVAL_MS * 10);
    s.subscribe(record);
    await until(() => samples.length === 2, { what: 'the first sample of the second run' });
    // Counted from the link's start (0.25), not as a 10-interval window against the old run.
    expect(samples[1]?.[0]?.packetLoss).toBe(0.25);
    expect(samples[1]?.[0]?.inboundKbps).toBe(0);
    s.close();
    s.close();
    expect(clock.pending).toBe(0);
    expect(s.subscribers).toBe(0);
    const after = s.subscribe(record);
    after();
    expect(clock.pending).toBe(0);
  });

  it('[M18] a report slower than the interval is not stacked up behind', async () => {
    const link = new ScriptedLink('peer-aaaa', [{}]);
    const answer = link.statsReport.bind(link);
    let asked = 0;
    let release: () => void = () => {};
    link.statsReport = () => {
      asked += 1;
      return new Promise((resolve) => {
        release = () => resolve(answer());
      });
    };
    const { clock, s, samples, record } = sampler([link]);
    s.subscribe(record);
    await until(() => asked === 1, { what: 'the first read' });
    clock.advance(STATS_INTERVAL_MS * 3);
    // Asserts that no read starts: nothing to wait for, so let the loop run dry.
    await settle();
    expect(asked).toBe(1);
    release();
    await until(() => samples.length === 1, { what: 'the slow sample' });
    clock.advance(STATS_INTERVAL_MS);
    await until(() => asked === 2, { what: 'the next read, on the next tick' });
    s.close();
  });
});
