import { describe, expect, it } from 'vitest';
import { HEAP_SLACK_BYTES, heapFlat, isNativeCrash } from './invariants';

describe('isNativeCrash', () => {
  it('is a fatal signal from native code', () => {
    expect(isNativeCrash({ code: null, signal: 'SIGSEGV' })).toBe(true);
    expect(isNativeCrash({ code: null, signal: 'SIGABRT' })).toBe(true);
  });

  it('is not an exit code or a signal someone sent to stop the process', () => {
    expect(isNativeCrash({ code: 0, signal: null })).toBe(false);
    expect(isNativeCrash({ code: 1, signal: null })).toBe(false);
    expect(isNativeCrash({ code: null, signal: 'SIGKILL' })).toBe(false);
    expect(isNativeCrash({ code: null, signal: 'SIGTERM' })).toBe(false);
  });
});

describe('heapFlat', () => {
  it('allows the slack and flags growth beyond it', () => {
    expect(heapFlat(10e6, 10e6 + HEAP_SLACK_BYTES)).toEqual([]);
    expect(heapFlat(10e6, 10e6 + HEAP_SLACK_BYTES + 1)).toEqual([
      { invariant: 'heap', detail: expect.stringContaining('signal heap grew') },
    ]);
  });
});
