import { describe, expect, it } from 'vitest';
import { until } from './until';

describe('until', () => {
  it('resolves once the predicate holds', async () => {
    let n = 0;
    await until(() => ++n >= 3, { what: 'three checks' });
    expect(n).toBe(3);
  });

  it('accepts an async predicate', async () => {
    let n = 0;
    await until(async () => ++n >= 2, { what: 'two checks', intervalMs: 1 });
    expect(n).toBe(2);
  });

  it('rejects past its deadline, naming what it waited for', async () => {
    await expect(until(() => false, { what: 'never', timeoutMs: 20 })).rejects.toThrow(
      'timed out after 20 ms waiting for never',
    );
  });
});
