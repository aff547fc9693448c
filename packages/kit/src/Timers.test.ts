import { describe, expect, it } from 'vitest';
import { FakeClock } from './FakeClock';
import { Timers } from './Timers';

describe('Timers', () => {
  it('setting a name again replaces its timer', () => {
    const clock = new FakeClock();
    const timers = new Timers<'restart'>(clock);
    const seen: string[] = [];
    timers.set('restart', 10, () => seen.push('first'));
    timers.set('restart', 20, () => seen.push('second'));
    clock.advance(30);
    expect(seen).toEqual(['second']);
    expect(timers.has('restart')).toBe(false);
  });

  it('clearAll() stops every timer and leaves none pending on the clock', () => {
    const clock = new FakeClock();
    const timers = new Timers<'a' | 'b'>(clock);
    let ran = 0;
    timers.set('a', 10, () => ran++);
    timers.set('b', 10, () => ran++);
    expect(timers.size).toBe(2);
    timers.clearAll();
    clock.advance(100);
    expect(ran).toBe(0);
    expect(clock.pending).toBe(0);
    expect(timers.size).toBe(0);
  });

  it('a fired timer is no longer held, and may set its own name again', () => {
    const clock = new FakeClock();
    const timers = new Timers(clock);
    const at: number[] = [];
    const tick = () => {
      at.push(clock.now());
      if (at.length < 3) timers.set('tick', 10, tick);
    };
    timers.set('tick', 10, tick);
    clock.advance(100);
    expect(at).toEqual([10, 20, 30]);
    expect(timers.has('tick')).toBe(false);
  });
});
