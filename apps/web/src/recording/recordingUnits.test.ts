import { describe, expect, it } from 'vitest';
import { recordingFileName } from './fileName';
import { pickMimeType, RECORDING_MIME_TYPES } from './mimeType';

describe('recording mime type', () => {
  it('takes VP9 with Opus where the browser records it', () => {
    expect(pickMimeType(() => true)).toBe('video/webm;codecs=vp9,opus');
  });

  it('falls back to VP8, then plain WebM, then nothing', () => {
    expect(pickMimeType((t) => t !== RECORDING_MIME_TYPES[0])).toBe('video/webm;codecs=vp8,opus');
    expect(pickMimeType((t) => t === 'video/webm')).toBe('video/webm');
    expect(pickMimeType(() => false)).toBeNull();
  });

  it('treats a throwing check as unsupported', () => {
    expect(
      pickMimeType((t) => {
        if (t.includes('vp9')) throw new Error('nope');
        return true;
      }),
    ).toBe('video/webm;codecs=vp8,opus');
  });
});

describe('recording file name', () => {
  it('names the room and the local start time, sortable', () => {
    const at = new Date(2026, 11, 1, 9, 5, 7);
    expect(recordingFileName('brave-otter-42', at)).toBe(
      'meshwork-brave-otter-42-2026-12-01-090507.webm',
    );
  });

  it('keeps only safe characters', () => {
    const at = new Date(2026, 0, 2, 3, 4, 5);
    expect(recordingFileName('../evil/<x>', at)).toBe('meshwork-evilx-2026-01-02-030405.webm');
    expect(recordingFileName('', at)).toBe('meshwork-call-2026-01-02-030405.webm');
  });
});
