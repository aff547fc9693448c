import { describe, expect, it } from 'vitest';
import { MAX_QUEUED_SIGNALS, SignalOutbox } from './SignalOutbox';

const signal = (epoch: number) => ({
  to: 'peer-b',
  epoch,
  signal: { type: 'ice-restart' } as const,
});

describe('SignalOutbox', () => {
  it('drains in order and empties', () => {
    const outbox = new SignalOutbox();
    outbox.push(signal(1));
    outbox.push(signal(2));
    expect(outbox.drain().map((s) => s.epoch)).toEqual([1, 2]);
    expect(outbox.size).toBe(0);
  });

  it('keeps the newest MAX_QUEUED_SIGNALS', () => {
    const outbox = new SignalOutbox();
    for (let i = 0; i < MAX_QUEUED_SIGNALS + 5; i++) outbox.push(signal(i));
    const kept = outbox.drain();
    expect(kept).toHaveLength(MAX_QUEUED_SIGNALS);
    expect(kept[0]?.epoch).toBe(5);
  });

  it('clear() drops everything', () => {
    const outbox = new SignalOutbox();
    outbox.push(signal(1));
    outbox.clear();
    expect(outbox.drain()).toEqual([]);
  });
});
