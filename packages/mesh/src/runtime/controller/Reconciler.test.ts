import { describe, expect, it } from 'vitest';
import { RECONCILE_MAX_PASSES, Reconciler } from './Reconciler';

describe('Reconciler', () => {
  it('[M9] a request during a pass runs one more pass after it, never a nested one', () => {
    const log: string[] = [];
    let depth = 0;
    let asks = 2;
    const r: Reconciler = new Reconciler(
      () => {
        depth += 1;
        log.push(`pass at depth ${depth}`);
        if (asks-- > 0) r.request();
        depth -= 1;
      },
      () => log.push('unsettled'),
    );
    r.request();
    expect(log).toEqual(['pass at depth 1', 'pass at depth 1', 'pass at depth 1']);
  });

  it('[M9] a pass that keeps asking stops at RECONCILE_MAX_PASSES and is reported once', () => {
    let passes = 0;
    const reported: number[] = [];
    const r: Reconciler = new Reconciler(
      () => {
        passes += 1;
        r.request();
      },
      (n) => reported.push(n),
    );
    r.request();
    expect(passes).toBe(RECONCILE_MAX_PASSES);
    expect(reported).toEqual([RECONCILE_MAX_PASSES]);
    // The next change resumes it.
    r.request();
    expect(passes).toBe(RECONCILE_MAX_PASSES * 2);
  });

  it('[M8] after stop no pass runs, and a running pass is the last', () => {
    let passes = 0;
    const r: Reconciler = new Reconciler(
      () => {
        passes += 1;
        r.request();
        r.stop();
      },
      () => {
        throw new Error('not unsettled: stopped');
      },
    );
    r.request();
    r.request();
    expect(passes).toBe(1);
  });

  it('[M9] a pass that throws leaves the reconciler usable', () => {
    let fail = true;
    let passes = 0;
    const r = new Reconciler(
      () => {
        passes += 1;
        if (fail) throw new Error('boom');
      },
      () => {},
    );
    expect(() => r.request()).toThrow('boom');
    fail = false;
    r.request();
    expect(passes).toBe(2);
  });
});
