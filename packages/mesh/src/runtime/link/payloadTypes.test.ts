import { describe, expect, it } from 'vitest';
import { payloadMaps, renumberedMids } from './payloadTypes';

function mline(mid: string, codecs: Array<[number, string, string?]>): string {
  const lines = [
    `m=video 9 UDP/TLS/RTP/SAVPF ${codecs.map(([pt]) => pt).join(' ')}`,
    `a=mid:${mid}`,
  ];
  for (const [pt, name, fmtp] of codecs) {
    lines.push(`a=rtpmap:${pt} ${name}`);
    if (fmtp) lines.push(`a=fmtp:${pt} ${fmtp}`);
  }
  return lines.join('\r\n');
}
const sdp = (...mlines: string[]) => ['v=0', 's=-', ...mlines, ''].join('\r\n');

// What Chromium offered and Firefox answered on mid 0, then Firefox's re-offer after
// setCodecPreferences on that transceiver (captured from Chromium 156 and Firefox ESR 153).
const negotiated = sdp(
  mline('0', [
    [96, 'VP8/90000', 'max-fs=12288;max-fr=60'],
    [97, 'rtx/90000', 'apt=96'],
    [98, 'VP9/90000', 'max-fs=12288;max-fr=60'],
    [99, 'rtx/90000', 'apt=98'],
  ]),
);
const renumbered = sdp(
  mline('0', [
    [120, 'VP8/90000', 'max-fs=12288;max-fr=60'],
    [124, 'rtx/90000', 'apt=120'],
    [121, 'VP9/90000', 'max-fs=12288;max-fr=60'],
    [99, 'AV1/90000'],
    [100, 'rtx/90000', 'apt=99'],
  ]),
  mline('1', [[120, 'VP8/90000']]),
);

describe('payloadTypes', () => {
  it('reads payload type -> codec with fmtp per mid', () => {
    const maps = payloadMaps(negotiated);
    expect([...maps.keys()]).toEqual(['0']);
    expect(maps.get('0')?.get(96)).toBe('vp8/90000 max-fs=12288;max-fr=60');
    expect(maps.get('0')?.get(99)).toBe('rtx/90000 apt=98');
  });

  it('[M5] finds the negotiated m-lines a re-offer renumbers, not new ones', () => {
    expect(renumberedMids(negotiated, renumbered)).toEqual(['0']);
  });

  it('[M5] a re-offer that keeps the numbers, adds codecs or drops some is no renumbering', () => {
    const kept = sdp(
      mline('0', [
        [96, 'VP8/90000', 'max-fs=12288;max-fr=60'],
        [97, 'rtx/90000', 'apt=96'],
        [45, 'AV1/90000'],
      ]),
    );
    expect(renumberedMids(negotiated, kept)).toEqual([]);
    // Two VP9 profiles under two numbers are two codecs, not a renumbering.
    const twoProfiles = sdp(
      mline('0', [
        [98, 'VP9/90000', 'profile-id=0'],
        [100, 'VP9/90000', 'profile-id=2'],
      ]),
    );
    expect(renumberedMids(twoProfiles, twoProfiles)).toEqual([]);
  });
});
