import { describe, expect, it } from 'vitest';
import { stableCodecs } from './codecs';

const vp8 = { mimeType: 'video/VP8', clockRate: 90000 };
const rtx = { mimeType: 'video/rtx', clockRate: 90000 };
const vp9p0 = { mimeType: 'video/VP9', clockRate: 90000, sdpFmtpLine: 'profile-id=0' };
const vp9p1 = { mimeType: 'video/VP9', clockRate: 90000, sdpFmtpLine: 'profile-id=1' };
const flexfec = { mimeType: 'video/flexfec-03', clockRate: 90000 };

describe('stableCodecs', () => {
  it('keeps the codecs both sendable and receivable, in the receiver order', () => {
    // wrtc receives more than it sends: a receiving m-line would otherwise list more codecs
    // when this end offers than when it answers.
    const send = [vp8, rtx, vp9p0];
    const receive = [vp9p0, vp8, rtx, vp9p1, flexfec];
    expect(stableCodecs(send, receive)).toEqual([vp9p0, vp8, rtx]);
  });

  it('tells codecs apart by fmtp line and channels, not by mime type case', () => {
    const opus = { mimeType: 'audio/opus', clockRate: 48000, channels: 2 };
    const send = [{ ...opus, mimeType: 'audio/OPUS' }, vp9p1];
    expect(stableCodecs(send, [opus, { ...opus, channels: 1 }, vp9p0])).toEqual([opus]);
  });
});
