import { describe, expect, it } from 'vitest';
import { candidateInitOf, candidateSignalOf } from './candidates';

const host = {
  candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ host',
  sdpMid: '0',
  sdpMLineIndex: 0,
  usernameFragment: 'u1',
};

describe('candidates', () => {
  it.each([
    ['the end of candidates (null)', null, { type: 'candidate', candidate: null }],
    [
      'the end of candidates (empty string)',
      { ...host, candidate: '' },
      { type: 'candidate', candidate: null },
    ],
    ['a host candidate', host, { type: 'candidate', candidate: host }],
    [
      'a candidate without mid, index or ufrag',
      { candidate: host.candidate },
      {
        type: 'candidate',
        candidate: {
          candidate: host.candidate,
          sdpMid: null,
          sdpMLineIndex: null,
          usernameFragment: null,
        },
      },
    ],
  ])('[M3] trickles %s', (_name, candidate, signal) => {
    expect(candidateSignalOf(candidate as RTCIceCandidate | null)).toEqual(signal);
  });

  it('[M3] a trickled candidate becomes the addIceCandidate argument; the end adds nothing', () => {
    expect(candidateInitOf({ type: 'candidate', candidate: host })).toEqual(host);
    expect(candidateInitOf({ type: 'candidate', candidate: { candidate: 'c' } })).toEqual({
      candidate: 'c',
      sdpMid: null,
      sdpMLineIndex: null,
      usernameFragment: null,
    });
    expect(candidateInitOf({ type: 'candidate', candidate: null })).toBeNull();
  });
});
