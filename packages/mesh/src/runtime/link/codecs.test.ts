import { describe, expect, it } from 'vitest';
import { commonGroundFirst, stableCodecs, withoutDangling } from './codecs';

const vp8 = { mimeType: 'video/VP8', clockRate: 90000 };
const rtx = { mimeType: 'video/rtx', clockRate: 90000 };
const red = { mimeType: 'video/red', clockRate: 90000 };
const ulpfec = { mimeType: 'video/ulpfec', clockRate: 90000 };
const vp9p0 = { mimeType: 'video/VP9', clockRate: 90000, sdpFmtpLine: 'profile-id=0' };
const vp9p1 = { mimeType: 'video/VP9', clockRate: 90000, sdpFmtpLine: 'profile-id=1' };
const flexfec = { mimeType: 'video/flexfec-03', clockRate: 90000 };
const opus = { mimeType: 'audio/opus', clockRate: 48000, channels: 2 };
const pcmu = { mimeType: 'audio/PCMU', clockRate: 8000, channels: 1 };

describe('stableCodecs', () => {
  it('[M5] keeps the codecs both sendable and receivable, in the receiver order, VP8 first', () => {
    // wrtc receives more than it sends: a receiving m-line would otherwise list more codecs
    // when this end offers than when it answers.
    const send = [vp8, rtx, vp9p0];
    const receive = [vp9p0, vp8, rtx, vp9p1, flexfec];
    expect(stableCodecs(send, receive)).toEqual([vp8, vp9p0, rtx]);
  });

  it('tells codecs apart by fmtp line and channels, not by mime type case', () => {
    const send = [{ ...opus, mimeType: 'audio/OPUS' }, vp9p1];
    expect(stableCodecs(send, [opus, { ...opus, channels: 1 }, vp9p0])).toEqual([opus]);
  });

  it('[M5] leaves no RTX, RED or FEC entry without a media codec to serve', () => {
    // Only helpers in common (an engine that can send VP9 but receive only VP8, say).
    expect(stableCodecs([vp9p0, rtx, red, ulpfec], [vp8, rtx, red, ulpfec])).toEqual([]);
    expect(withoutDangling([rtx, red])).toEqual([]);
    expect(withoutDangling([vp9p0, rtx, red])).toEqual([vp9p0, rtx, red]);
  });
});

describe('commonGroundFirst', () => {
  it.each([
    ['Chromium video', [{ mimeType: 'video/AV1', clockRate: 90000 }, vp9p0, rtx, vp8], 'video/VP8'],
    ['Firefox audio', [pcmu, opus], 'audio/opus'],
    ['no common ground', [vp9p0, rtx], 'video/VP9'],
  ])('%s: VP8 or Opus leads, the rest keep their order', (_what, list, lead) => {
    const out = commonGroundFirst(list);
    expect(out[0]?.mimeType).toBe(lead);
    expect(out).toHaveLength(list.length);
    expect(out.slice(1)).toEqual(list.filter((c) => c.mimeType !== lead));
  });
});
