import { describe, expect, it } from 'vitest';
import { camMediaFlags, sameMedia } from './media';
import { fakeStream } from './testing/fixtures';

describe('camMediaFlags', () => {
  it.each([
    ['no stream', null, { audio: false, video: false }],
    [
      'camera and microphone',
      fakeStream([{ kind: 'audio' }, { kind: 'video' }]),
      { audio: true, video: true },
    ],
    [
      'a muted microphone (disabled track) with a camera',
      fakeStream([{ kind: 'audio', enabled: false }, { kind: 'video' }]),
      { audio: false, video: true },
    ],
    [
      'a stopped camera',
      fakeStream([{ kind: 'audio' }, { kind: 'video', readyState: 'ended' }]),
      { audio: true, video: false },
    ],
    [
      'a microphone only',
      fakeStream([{ kind: 'audio', enabled: true }]),
      { audio: true, video: false },
    ],
  ] as const)('%s', (_name, stream, flags) => {
    expect(camMediaFlags(stream)).toEqual(flags);
  });
});

describe('sameMedia', () => {
  it('compares every medium', () => {
    const a = { audio: true, video: false, screen: false };
    expect(sameMedia(a, { ...a })).toBe(true);
    expect(sameMedia(a, { ...a, screen: true })).toBe(false);
  });
});
