import { describe, expect, it } from 'vitest';
import { midsOf, sameMids } from './sdpMids';

const sdp = (...sections: Array<string | null>) =>
  [
    'v=0',
    'o=- 1 2 IN IP4 127.0.0.1',
    's=-',
    't=0 0',
    ...sections.flatMap((mid, i) => [
      `m=${i === 0 ? 'application' : 'video'} 9 UDP/DTLS/SCTP webrtc-datachannel`,
      'c=IN IP4 0.0.0.0',
      ...(mid === null ? [] : [`a=mid:${mid}`]),
      'a=sendrecv',
    ]),
    '',
  ].join('\r\n');

describe('sdpMids ([M25])', () => {
  it('reads each m-section mid in order, null where a section names none', () => {
    expect(midsOf(sdp('0', '1', null, '3'))).toEqual(['0', '1', null, '3']);
    expect(midsOf('v=0\r\n')).toEqual([]);
  });

  it('an answer to the offer has its m-sections and mids; one to an earlier offer does not', () => {
    expect(sameMids(sdp('0', '1', '2'), sdp('0', '1', '2'))).toBe(true);
    // A section the answer names no mid for (a rejected one) still counts as the offer's.
    expect(sameMids(sdp('0', '1', '2'), sdp('0', null, '2'))).toBe(true);
    // The offer added an m-line since: the answer is to the one before.
    expect(sameMids(sdp('0', '1', '2'), sdp('0', '1'))).toBe(false);
    // Fresh mids for the same sections: not this offer's answer.
    expect(sameMids(sdp('0', '3', '4'), sdp('0', '1', '2'))).toBe(false);
  });
});
