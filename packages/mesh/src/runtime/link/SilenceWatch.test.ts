import { FakeClock, Timers } from '@meshwork/kit';
import { describe, expect, it } from 'vitest';
import { LINK_SILENCE_MS, type SilenceTimer, SilenceWatch } from './SilenceWatch';

function watch() {
  const clock = new FakeClock(0);
  const calls: string[] = [];
  const w = new SilenceWatch(new Timers<SilenceTimer>(clock), {
    silent: () => calls.push('silent'),
    heard: () => calls.push('heard'),
  });
  return { clock, calls, w };
}

describe('SilenceWatch ([M23])', () => {
  it('[M23] is silent once nothing was heard for LINK_SILENCE_MS, and heard again at the next message', () => {
    const { clock, calls, w } = watch();
    w.heard();
    clock.advance(LINK_SILENCE_MS - 1);
    w.heard();
    clock.advance(LINK_SILENCE_MS - 1);
    expect(calls).toEqual([]);
    clock.advance(1);
    expect([calls, w.silent]).toEqual([['silent'], true]);
    clock.advance(LINK_SILENCE_MS * 3);
    expect(calls).toEqual(['silent']);
    w.heard();
    expect([calls, w.silent]).toEqual([['silent', 'heard'], false]);
  });

  it('[M23] says nothing after close', () => {
    const { clock, calls, w } = watch();
    w.heard();
    w.close();
    clock.advance(LINK_SILENCE_MS * 2);
    w.heard();
    expect(calls).toEqual([]);
  });
});
