import { describe, expect, it } from 'vitest';
import { KeyedLock } from './KeyedLock';
import { SerialQueue } from './SerialQueue';
import { until } from './until';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('SerialQueue', () => {
  it('runs operations one at a time in push order; a failure blocks nothing after it', async () => {
    const queue = new SerialQueue();
    const gate = deferred();
    const seen: string[] = [];
    const first = queue.push(async () => {
      await gate.promise;
      seen.push('first');
    });
    const second = queue.push(() => {
      throw new Error('second failed');
    });
    const third = queue.push(() => seen.push('third'));
    expect(queue.size).toBe(3);
    gate.resolve();
    await first;
    await expect(second).rejects.toThrow('second failed');
    await third;
    expect(seen).toEqual(['first', 'third']);
    expect(queue.size).toBe(0);
  });
});

describe('KeyedLock', () => {
  it('serialises tasks of one key, runs other keys beside them, and forgets idle keys', async () => {
    const lock = new KeyedLock();
    const gate = deferred();
    const seen: string[] = [];
    const a1 = lock.run('a', async () => {
      await gate.promise;
      seen.push('a1');
    });
    const a2 = lock.run('a', async () => seen.push('a2'));
    const b1 = lock.run('b', async () => seen.push('b1'));
    await b1;
    expect(seen).toEqual(['b1']);
    gate.resolve();
    await Promise.all([a1, a2]);
    expect(seen).toEqual(['b1', 'a1', 'a2']);
    await until(() => lock.size === 0, { what: 'the idle keys forgotten' });
    expect(lock.size).toBe(0);
  });

  it('a failing task rejects its own caller and the next task still runs', async () => {
    const lock = new KeyedLock();
    const failed = lock.run('room', async () => {
      throw new Error('join failed');
    });
    const next = lock.run('room', async () => 'joined');
    await expect(failed).rejects.toThrow('join failed');
    await expect(next).resolves.toBe('joined');
  });
});
