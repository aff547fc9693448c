import { FakeClock } from '@meshwork/kit';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WAIT_TIMEOUT_MS, PredicateWaiters } from './PredicateWaiters';

function setup() {
  const clock = new FakeClock();
  return { clock, waiters: new PredicateWaiters('Bot 1', clock) };
}

describe('PredicateWaiters', () => {
  it('resolves at once when the predicate already holds, without a timer', async () => {
    const { clock, waiters } = setup();
    await waiters.wait(() => true);
    expect(clock.pending).toBe(0);
    expect(waiters.size).toBe(0);
  });

  it('resolves on the check after the state changed, and clears its deadline', async () => {
    const { clock, waiters } = setup();
    let ready = false;
    const done = waiters.wait(() => ready);
    waiters.check();
    expect(waiters.size).toBe(1);
    ready = true;
    waiters.check();
    await done;
    expect(waiters.size).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('rejects after its deadline, naming the owner and what it waited for', async () => {
    const { clock, waiters } = setup();
    const done = waiters.wait(() => false, { timeoutMs: 500, what: 'frames' });
    clock.advance(499);
    expect(waiters.size).toBe(1);
    clock.advance(1);
    await expect(done).rejects.toThrow('Bot 1: timed out after 500 ms waiting for frames');
    expect(waiters.size).toBe(0);
  });

  it(`defaults to ${DEFAULT_WAIT_TIMEOUT_MS} ms and "a condition"`, async () => {
    const { clock, waiters } = setup();
    const done = waiters.wait(() => false);
    clock.advance(DEFAULT_WAIT_TIMEOUT_MS);
    await expect(done).rejects.toThrow(
      `timed out after ${DEFAULT_WAIT_TIMEOUT_MS} ms waiting for a condition`,
    );
  });

  it('a throwing predicate rejects its wait only', async () => {
    const { waiters } = setup();
    let calls = 0;
    const throwing = waiters.wait(() => {
      if (++calls > 1) throw new Error('boom');
      return false;
    });
    let ready = false;
    const other = waiters.wait(() => ready);
    waiters.check();
    await expect(throwing).rejects.toThrow('boom');
    ready = true;
    waiters.check();
    await other;
    await expect(
      waiters.wait(() => {
        throw 'at once';
      }),
    ).rejects.toThrow('at once');
  });

  it('close() rejects pending waits and later ones, and is idempotent', async () => {
    const { clock, waiters } = setup();
    const pending = waiters.wait(() => false);
    waiters.close();
    waiters.close();
    await expect(pending).rejects.toThrow('Bot 1 closed while waiting');
    expect(clock.pending).toBe(0);
    await expect(waiters.wait(() => false)).rejects.toThrow('Bot 1 is closed');
    await waiters.wait(() => true);
  });
});
