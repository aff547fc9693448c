import { describe, expect, it } from 'vitest';
import {
  CAP_CEILING_BPS,
  CAP_FLOOR_BPS,
  clampCap,
  ESTIMATE_MAX_AGE_MS,
  isValidEstimate,
  MAX_VALID_ESTIMATE_BPS,
  originCap,
  ReceiverEstimates,
  streamCap,
} from './ReceiverEstimates';

describe('receiver estimates', () => {
  it('[P32] 0, negative, non-finite and absurd estimates are no estimate', () => {
    for (const bps of [
      0,
      -1,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      MAX_VALID_ESTIMATE_BPS + 1,
      2 ** 64,
    ]) {
      expect(isValidEstimate(bps)).toBe(false);
    }
    for (const bps of [1, 50_000, 300_000, MAX_VALID_ESTIMATE_BPS])
      expect(isValidEstimate(bps)).toBe(true);
  });

  it('[P32] keeps the latest valid estimate per link; an invalid one neither counts nor renews', () => {
    const estimates = new ReceiverEstimates<string>();
    expect(estimates.report('a', 500_000, 0)).toBe(true);
    expect(estimates.report('a', 300_000, 100)).toBe(true);
    expect(estimates.report('a', 0, 200)).toBe(false);
    expect(estimates.report('b', 2 ** 64, 200)).toBe(false);
    expect(estimates.estimate('a', 200)).toBe(300_000);
    expect(estimates.estimate('b', 200)).toBeNull();
    // The 0 at 200 did not renew: the estimate of 100 ages out on its own.
    expect(estimates.estimate('a', 100 + ESTIMATE_MAX_AGE_MS)).toBe(300_000);
    expect(estimates.estimate('a', 101 + ESTIMATE_MAX_AGE_MS)).toBeNull();
  });

  it('[P32] a forgotten link has no estimate', () => {
    const estimates = new ReceiverEstimates<string>();
    estimates.report('a', 500_000, 0);
    estimates.forget('a');
    expect(estimates.estimate('a', 0)).toBeNull();
  });
});

describe('the cap of a forwarded stream', () => {
  it('[P32] is the smallest per-stream share of its receivers estimates', () => {
    expect(
      streamCap([
        { estimate: 2_000_000, videoStreams: 2, othersBps: 1_500_000 },
        { estimate: 900_000, videoStreams: 3, othersBps: 900_000 },
        { estimate: null, videoStreams: 3, othersBps: 0 },
      ]),
    ).toBe(300_000);
  });

  it('[P32] takes what the other streams on a link leave of its estimate', () => {
    // Beside a still picture of 80 kbit/s, a busy stream may take the rest, not half.
    expect(streamCap([{ estimate: 400_000, videoStreams: 2, othersBps: 80_000 }])).toBe(320_000);
    // Two busy streams meet at the even share.
    expect(streamCap([{ estimate: 400_000, videoStreams: 2, othersBps: 300_000 }])).toBe(200_000);
    // The smallest over the links still holds.
    expect(
      streamCap([
        { estimate: 400_000, videoStreams: 2, othersBps: 80_000 },
        { estimate: 250_000, videoStreams: 2, othersBps: 100_000 },
      ]),
    ).toBe(150_000);
  });

  it('[P32] is null when no receiver has an estimate, or there are no receivers', () => {
    expect(streamCap([{ estimate: null, videoStreams: 1, othersBps: 0 }])).toBeNull();
    expect(streamCap([])).toBeNull();
  });

  it('[P32] stays between the floor and the ceiling', () => {
    expect(streamCap([{ estimate: 30_000, videoStreams: 1, othersBps: 0 }])).toBe(CAP_FLOOR_BPS);
    expect(streamCap([{ estimate: 250_000, videoStreams: 3, othersBps: 400_000 }])).toBe(
      CAP_FLOOR_BPS,
    );
    expect(streamCap([{ estimate: 900_000_000, videoStreams: 1, othersBps: 0 }])).toBe(
      CAP_CEILING_BPS,
    );
    expect(clampCap(250_000.4)).toBe(250_000);
    // A link the hub sends no video counts as one stream (its estimate is all its own).
    expect(streamCap([{ estimate: 400_000, videoStreams: 0, othersBps: 0 }])).toBe(400_000);
  });
});

describe('the cap an origin link is sent', () => {
  it('[P32] is its video caps and what its audio takes: a cap at the floor leaves the camera the floor', () => {
    expect(originCap([CAP_FLOOR_BPS], 52_000)).toBe(CAP_FLOOR_BPS + 52_000);
    expect(originCap([300_000, 150_000], 0)).toBe(450_000);
  });

  it('[P32] is null when no receiver limits its video, whatever its audio', () => {
    expect(originCap([null], 52_000)).toBeNull();
    expect(originCap([], 52_000)).toBeNull();
  });

  it('[P32] counts an unlimited stream beside a limited one at the ceiling, and stays under it', () => {
    expect(originCap([null, 200_000], 50_000)).toBe(CAP_CEILING_BPS);
    expect(originCap([200_000], -5)).toBe(200_000);
  });
});
