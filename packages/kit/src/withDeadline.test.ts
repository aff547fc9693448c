import { describe, expect, it } from 'vitest';
import { FakeClock } from './FakeClock';
import { withDeadline } from './withDeadline';

/** A promise settled from outside. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('withDeadline', () => {
  it('settles like the task before the deadline and clears its timer', async () => {
    const clock = new FakeClock();
    const task = deferred<number>();
    const done = withDeadline(task.promise, 1_000, () => new Error('late'), clock);
    task.resolve(7);
    await expect(done).resolves.toBe(7);
    expect(clock.pending).toBe(0);

    const failing = deferred<number>();
    const failed = withDeadline(failing.promise, 1_000, () => new Error('late'), clock);
    failing.reject(new Error('refused'));
    await expect(failed).rejects.toThrow('refused');
    expect(clock.pending).toBe(0);
  });

  it('rejects with the deadline error, and ignores the task failing afterwards', async () => {
    const clock = new FakeClock();
    const task = deferred<number>();
    const done = withDeadline(task.promise, 1_000, () => new Error('late'), clock);
    clock.advance(1_000);
    await expect(done).rejects.toThrow('late');
    // Would be an unhandled rejection (failing the run) if withDeadline did not absorb it.
    task.reject(new Error('refused after the deadline'));
    await task.promise.catch(() => {});
  });
});
