import { FakeClock } from '@meshwork/kit';
import { describe, expect, it } from 'vitest';
import { AckCalls, type AckOutcome } from './AckCalls';
import { SessionError } from './errors';

function setup() {
  const clock = new FakeClock();
  const calls = new AckCalls(clock);
  let ack: ((res: string) => void) | null = null;
  const emit = (cb: (res: string) => void) => {
    ack = cb;
  };
  return { clock, calls, emit, answer: (res: string) => ack?.(res) };
}

describe('AckCalls', () => {
  it('hands the answer over synchronously and clears the deadline', () => {
    const { clock, calls, emit, answer } = setup();
    const outcomes: AckOutcome<string>[] = [];
    calls.send(1_000, emit, (o) => outcomes.push(o));
    expect(calls.size).toBe(1);
    answer('yes');
    expect(outcomes).toEqual([{ ok: true, value: 'yes' }]);
    expect(calls.size).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('ends with ERR_TIMEOUT at the deadline, and a late answer changes nothing', () => {
    const { clock, calls, emit, answer } = setup();
    const outcomes: AckOutcome<string>[] = [];
    calls.send(1_000, emit, (o) => outcomes.push(o));
    clock.advance(999);
    expect(outcomes).toEqual([]);
    clock.advance(1);
    answer('late');
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ ok: false, error: { code: 'ERR_TIMEOUT' } });
  });

  it('failAll() ends every pending call once with the given error', async () => {
    const { clock, calls, emit } = setup();
    const a = calls.call(1_000, emit);
    const b = calls.call(1_000, emit);
    calls.failAll(new SessionError('ERR_UNREACHABLE'));
    calls.failAll(new SessionError('ERR_CLOSED'));
    await expect(a).rejects.toMatchObject({ code: 'ERR_UNREACHABLE' });
    await expect(b).rejects.toMatchObject({ code: 'ERR_UNREACHABLE' });
    expect(calls.size).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('call() resolves with the answer', async () => {
    const { calls, emit, answer } = setup();
    const done = calls.call(1_000, emit);
    answer('ok');
    await expect(done).resolves.toBe('ok');
  });
});
