import { describe, expect, it } from 'vitest';

import { Emitter } from './Emitter';
import { type Logger, noopLogger } from './logger';

interface Events {
  happened: { n: number };
}

describe('Emitter', () => {
  it('[M16] a throwing listener is logged and the others are still called', () => {
    const errors: string[] = [];
    const logger: Logger = { ...noopLogger, error: (msg) => errors.push(msg) };
    const emitter = new Emitter<Events>(logger);
    const seen: number[] = [];
    emitter.on('happened', () => {
      throw new Error('boom');
    });
    emitter.on('happened', ({ n }) => seen.push(n));
    expect(() => emitter.emit('happened', { n: 1 })).not.toThrow();
    expect(seen).toEqual([1]);
    expect(errors).toHaveLength(1);
  });

  it('[M16] on() returns a disposer; the same function twice is two subscriptions', () => {
    const emitter = new Emitter<Events>(noopLogger);
    const seen: number[] = [];
    const listener = ({ n }: { n: number }) => seen.push(n);
    const off1 = emitter.on('happened', listener);
    const off2 = emitter.on('happened', listener);
    emitter.emit('happened', { n: 1 });
    off1();
    emitter.emit('happened', { n: 2 });
    off2();
    off2();
    emitter.emit('happened', { n: 3 });
    expect(seen).toEqual([1, 1, 2]);
    expect(emitter.listenerCount('happened')).toBe(0);
  });

  it('[M16] a listener added during an emit is not called by that emit', () => {
    const emitter = new Emitter<Events>(noopLogger);
    const seen: string[] = [];
    emitter.on('happened', () => {
      seen.push('first');
      emitter.on('happened', () => seen.push('late'));
    });
    emitter.emit('happened', { n: 1 });
    expect(seen).toEqual(['first']);
  });
});
