import { describe, expect, it } from 'vitest';
import { CAP_INTERVAL_MS, capToSend } from './CapPacer';

const CEILING = 10_000_000;

describe('when the hub sends an origin its cap', () => {
  it('[P32] the first cap goes out at once', () => {
    expect(capToSend(300_000, null, 0, CEILING)).toBe(300_000);
  });

  it('[P32] a change over 10 % goes out at once, a smaller one waits for the renewal', () => {
    const last = { bps: 300_000, at: 1_000 };
    expect(capToSend(331_000, last, 1_100, CEILING)).toBe(331_000);
    expect(capToSend(269_000, last, 1_100, CEILING)).toBe(269_000);
    expect(capToSend(320_000, last, 1_100, CEILING)).toBeNull();
    expect(capToSend(320_000, last, 1_000 + CAP_INTERVAL_MS - 1, CEILING)).toBeNull();
    expect(capToSend(320_000, last, 1_000 + CAP_INTERVAL_MS, CEILING)).toBe(320_000);
  });

  it('[P32] a cap nobody needs is lifted once with the ceiling; an origin never capped gets nothing', () => {
    expect(capToSend(null, null, 0, CEILING)).toBeNull();
    expect(capToSend(null, { bps: 300_000, at: 0 }, 10, CEILING)).toBe(CEILING);
    expect(capToSend(null, { bps: CEILING, at: 10 }, 5_000, CEILING)).toBeNull();
  });
});
