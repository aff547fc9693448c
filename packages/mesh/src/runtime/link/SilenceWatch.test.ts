import { FakeClock, Timers } from '@meshwork/kit';
import { describe, expect, it } from 'vitest';
import { LINK_SILENCE_MS, MEDIA_CHECK_MS, type SilenceTimer, SilenceWatch } from './SilenceWatch';

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

  describe('where the stack says when media arrives', () => {
    /** A watch whose link last got media at `mark.value` (null: the stack does not say). */
    function watchMedia(mark: { value: number | null }) {
      const clock = new FakeClock(0);
      const calls: string[] = [];
      const w = new SilenceWatch(new Timers<SilenceTimer>(clock), {
        silent: () => calls.push('silent'),
        heard: () => calls.push('heard'),
        mediaMark: () => mark.value,
      });
      return { clock, calls, w };
    }

    it('[M23] a silent channel while media still arrives is a busy page, not a dead link: no silence until the media stops too', () => {
      const mark = { value: 1_000 };
      const { clock, calls, w } = watchMedia(mark);
      w.heard();
      clock.advance(LINK_SILENCE_MS);
      for (let i = 0; i < 5; i += 1) {
        mark.value += 400;
        clock.advance(i === 0 ? MEDIA_CHECK_MS : LINK_SILENCE_MS);
      }
      expect([calls, w.silent]).toEqual([[], false]);
      // The media stops too: silent at the next look.
      clock.advance(LINK_SILENCE_MS - 1);
      expect(calls).toEqual([]);
      clock.advance(1);
      expect([calls, w.silent]).toEqual([['silent'], true]);
      w.heard();
      expect([calls, w.silent]).toEqual([['silent', 'heard'], false]);
    });

    it('[M23] a dead path is silent one media check after the silence window', () => {
      const { clock, calls, w } = watchMedia({ value: 5_000 });
      w.heard();
      clock.advance(LINK_SILENCE_MS);
      expect(calls).toEqual([]);
      clock.advance(MEDIA_CHECK_MS);
      expect([calls, w.silent]).toEqual([['silent'], true]);
    });

    it('[M23] a message during the media check ends it', () => {
      const { clock, calls, w } = watchMedia({ value: 5_000 });
      w.heard();
      clock.advance(LINK_SILENCE_MS + MEDIA_CHECK_MS - 1);
      w.heard();
      clock.advance(LINK_SILENCE_MS - 1);
      expect([calls, w.silent]).toEqual([[], false]);
    });

    it('[M23] where no media arrived, the stack does not say, or the look throws, the channel alone decides', () => {
      const { clock, calls, w } = watchMedia({ value: null });
      w.heard();
      clock.advance(LINK_SILENCE_MS);
      expect(calls).toEqual(['silent']);

      const throwing = new SilenceWatch(new Timers<SilenceTimer>(clock), {
        silent: () => calls.push('silent 2'),
        heard: () => {},
        mediaMark: () => {
          throw new Error('closed');
        },
      });
      throwing.heard();
      clock.advance(LINK_SILENCE_MS);
      expect(calls).toEqual(['silent', 'silent 2']);
    });
  });
});
