import { describe, expect, it } from 'vitest';
import { FakeClock } from './FakeClock';

describe('FakeClock', () => {
  it('runs due timers in time order, ties in the order they were set', () => {
    const clock = new FakeClock(1_000);
    const seen: string[] = [];
    clock.setTimeout(() => seen.push('b'), 20);
    clock.setTimeout(() => seen.push('a'), 10);
    clock.setTimeout(() => seen.push('c'), 20);
    clock.setTimeout(() => seen.push('late'), 31);
    clock.advance(30);
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(clock.now()).toBe(1_030);
    expect(clock.pending).toBe(1);
  });

  it('runs a timer set by a timer when it falls inside the same advance, at its own time', () => {
    const clock = new FakeClock();
    const at: number[] = [];
    clock.setTimeout(() => {
      at.push(clock.now());
      clock.setTimeout(() => at.push(clock.now()), 5);
    }, 10);
    clock.advance(20);
    expect(at).toEqual([10, 15]);
  });

  it('a cleared timer never runs', () => {
    const clock = new FakeClock();
    let ran = false;
    const handle = clock.setTimeout(() => {
      ran = true;
    }, 1);
    clock.clearTimeout(handle);
    clock.advance(10);
    expect(ran).toBe(false);
    expect(clock.pending).toBe(0);
  });
});
