import { FakeClock } from '@meshwork/kit';
import { describe, expect, it } from 'vitest';
import {
  KeyedCounter,
  KeyedRate,
  PASSWORD_BACKOFF_MAX_MS,
  PasswordBackoff,
  passwordBackoffMs,
} from './addressLimits';

// One step of a table: wait `after` ms on the fake clock, then act on `key`.
interface Step {
  after: number;
  key: string;
  expect: boolean;
}

function run(take: (key: string, now: number) => boolean, steps: Step[]): boolean[] {
  const clock = new FakeClock(1_700_000_000_000);
  return steps.map((step) => {
    clock.advance(step.after);
    return take(step.key, clock.now());
  });
}

describe('KeyedCounter', () => {
  it('[P18] holds up to max places per key, independently per key, and frees them', () => {
    const counter = new KeyedCounter(2);
    expect([counter.acquire('a'), counter.acquire('a'), counter.acquire('a')]).toEqual([
      true,
      true,
      false,
    ]);
    expect(counter.acquire('b')).toBe(true);
    counter.release('a');
    expect(counter.acquire('a')).toBe(true);
    counter.release('a');
    counter.release('a');
    counter.release('b');
    expect(counter.size).toBe(0);
    // A stray release never goes below zero or lends a place.
    counter.release('a');
    expect(counter.count('a')).toBe(0);
  });
});

describe('KeyedRate', () => {
  const table: Array<{ name: string; steps: Step[] }> = [
    {
      name: 'a burst of capacity, then one per refill interval',
      steps: [
        { after: 0, key: 'ip', expect: true },
        { after: 0, key: 'ip', expect: true },
        { after: 0, key: 'ip', expect: true },
        { after: 0, key: 'ip', expect: false },
        { after: 19_999, key: 'ip', expect: false },
        { after: 1, key: 'ip', expect: true },
        { after: 0, key: 'ip', expect: false },
      ],
    },
    {
      name: 'addresses do not share a budget',
      steps: [
        { after: 0, key: 'a', expect: true },
        { after: 0, key: 'a', expect: true },
        { after: 0, key: 'a', expect: true },
        { after: 0, key: 'a', expect: false },
        { after: 0, key: 'b', expect: true },
      ],
    },
    {
      name: 'a quiet address is whole again after a minute',
      steps: [
        { after: 0, key: 'ip', expect: true },
        { after: 0, key: 'ip', expect: true },
        { after: 0, key: 'ip', expect: true },
        { after: 60_000, key: 'ip', expect: true },
        { after: 0, key: 'ip', expect: true },
        { after: 0, key: 'ip', expect: true },
        { after: 0, key: 'ip', expect: false },
      ],
    },
  ];
  for (const { name, steps } of table) {
    it(`[P18] ${name}`, () => {
      const rate = new KeyedRate(3, 3);
      expect(run((k, now) => rate.take(k, now), steps)).toEqual(steps.map((s) => s.expect));
    });
  }

  it('[P18] forgets full buckets, so many addresses do not pile up', () => {
    const rate = new KeyedRate(1, 60);
    const clock = new FakeClock(0);
    for (let i = 0; i < 5_000; i++) {
      rate.take(`ip-${i}`, clock.now());
      clock.advance(10);
    }
    // Only addresses seen within the last refill time (1 s) may be kept, plus a sweep's slack.
    expect(rate.size).toBeLessThan(2_100);
  });

  it('[P18] Infinity turns the limit off', () => {
    const rate = new KeyedRate(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);
    for (let i = 0; i < 1_000; i++) expect(rate.take('ip', 0)).toBe(true);
    expect(rate.size).toBe(0);
  });
});

describe('PasswordBackoff', () => {
  it('[P18] backs off exponentially after the free attempts, up to a ceiling', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map(passwordBackoffMs)).toEqual([
      0, 0, 0, 0, 0, 1_000, 2_000, 4_000, 8_000,
    ]);
    expect(passwordBackoffMs(40)).toBe(PASSWORD_BACKOFF_MAX_MS);
    expect(passwordBackoffMs(10_000)).toBe(PASSWORD_BACKOFF_MAX_MS);
  });

  const table: Array<{ name: string; steps: Step[] }> = [
    {
      name: 'five free attempts, then waits of 1 s and 2 s',
      steps: [
        { after: 0, key: 'ip|room', expect: true },
        { after: 0, key: 'ip|room', expect: true },
        { after: 0, key: 'ip|room', expect: true },
        { after: 0, key: 'ip|room', expect: true },
        { after: 0, key: 'ip|room', expect: true },
        { after: 0, key: 'ip|room', expect: false },
        { after: 999, key: 'ip|room', expect: false },
        { after: 1, key: 'ip|room', expect: true },
        { after: 1_999, key: 'ip|room', expect: false },
        { after: 1, key: 'ip|room', expect: true },
      ],
    },
    {
      name: 'another room or another address is not slowed',
      steps: [
        { after: 0, key: 'ip|room', expect: true },
        { after: 0, key: 'ip|room', expect: true },
        { after: 0, key: 'ip|room', expect: true },
        { after: 0, key: 'ip|room', expect: true },
        { after: 0, key: 'ip|room', expect: true },
        { after: 0, key: 'ip|room', expect: false },
        { after: 0, key: 'ip|other', expect: true },
        { after: 0, key: 'ip2|room', expect: true },
      ],
    },
  ];
  for (const { name, steps } of table) {
    it(`[P18] ${name}`, () => {
      const backoff = new PasswordBackoff();
      expect(run((k, now) => backoff.take(k, now), steps)).toEqual(steps.map((s) => s.expect));
    });
  }

  it('[P18] a refused attempt costs nothing more, and a success starts afresh', () => {
    const backoff = new PasswordBackoff();
    const clock = new FakeClock(0);
    for (let i = 0; i < 5; i++) backoff.take('k', clock.now());
    // Hammering while refused does not lengthen the wait.
    for (let i = 0; i < 100; i++) expect(backoff.take('k', clock.now())).toBe(false);
    clock.advance(1_000);
    expect(backoff.take('k', clock.now())).toBe(true);
    backoff.succeeded('k');
    for (let i = 0; i < 5; i++) expect(backoff.take('k', clock.now())).toBe(true);
  });
});
