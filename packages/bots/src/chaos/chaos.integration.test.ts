import { describe, expect, it } from 'vitest';
import { formatRow } from './main';
import { runChaos } from './runChaos';

const canRun = process.getuid?.() === 0;

describe.skipIf(!canRun)('a short chaos run on a real network', () => {
  it('keeps every invariant through about 40 s of faults', { timeout: 240_000 }, async () => {
    const result = await runChaos({
      bots: 4,
      durationMs: 40_000,
      seed: 20_261_201,
      onRow: (row) => console.info(formatRow(row)),
    });
    for (const c of result.nativeCrashes) console.warn(`native crash of a bot process: ${c}`);
    expect(result.rows.length).toBeGreaterThan(2);
    expect(result.violations).toEqual([]);
  });
});
