import { FakeClock } from '@meshwork/kit';
import { describe, expect, it } from 'vitest';
import { KEYFRAME_REQUEST_INTERVAL_MS, KeyframeThrottle } from './KeyframeThrottle';

function setup() {
  const clock = new FakeClock();
  const sent: string[] = [];
  const throttle = new KeyframeThrottle<string>({ clock, send: (s) => sent.push(s) });
  return { clock, sent, throttle };
}

describe('KeyframeThrottle', () => {
  it('[P24] sends the first request of a source at once', () => {
    const { sent, throttle } = setup();
    throttle.request('a');
    expect(sent).toEqual(['a']);
  });

  it('[P24] folds requests inside the interval into one trailing request at its end', () => {
    const { clock, sent, throttle } = setup();
    throttle.request('a');
    clock.advance(100);
    throttle.request('a');
    throttle.request('a');
    throttle.request('a');
    expect(sent).toEqual(['a']);
    clock.advance(KEYFRAME_REQUEST_INTERVAL_MS - 101);
    expect(sent).toEqual(['a']);
    clock.advance(1);
    expect(sent).toEqual(['a', 'a']);
  });

  it('[P24] throttles each source on its own', () => {
    const { sent, throttle } = setup();
    throttle.request('a');
    throttle.request('b');
    throttle.request('a');
    expect(sent).toEqual(['a', 'b']);
  });

  it('[P24] sends again at once after a quiet interval', () => {
    const { clock, sent, throttle } = setup();
    throttle.request('a');
    clock.advance(KEYFRAME_REQUEST_INTERVAL_MS);
    throttle.request('a');
    expect(sent).toEqual(['a', 'a']);
  });

  it('[P24] drops trailing requests of a forgotten source and after close', () => {
    const { clock, sent, throttle } = setup();
    throttle.request('a');
    throttle.request('b');
    throttle.request('a');
    throttle.request('b');
    throttle.forget('a');
    throttle.close();
    clock.advance(KEYFRAME_REQUEST_INTERVAL_MS * 2);
    throttle.request('b');
    expect(sent).toEqual(['a', 'b']);
  });
});
