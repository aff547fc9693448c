import { FakeClock } from '@meshwork/kit';
import { describe, expect, it } from 'vitest';
import { Reconnector } from './Reconnector';
import { ReconnectPolicy } from './ReconnectPolicy';

function setup(maxAttempts = 2) {
  const clock = new FakeClock();
  const policy = new ReconnectPolicy({
    delayMs: { min: 100, max: 1_000 },
    maxAttempts,
    random: () => 0.5,
  });
  let retries = 0;
  const reconnector = new Reconnector(policy, clock);
  const fail = (error?: 'ERR_UNREACHABLE' | 'ERR_RATE_LIMITED') =>
    reconnector.failed(error, 'transport close', () => retries++);
  return { clock, reconnector, fail, retries: () => retries };
}

describe('Reconnector', () => {
  it('announces each retry with its attempt and delay, and runs it after the delay', () => {
    const { clock, fail, retries } = setup();
    expect(fail('ERR_UNREACHABLE')).toEqual({
      status: 'reconnecting',
      error: 'ERR_UNREACHABLE',
      attempt: 1,
      retryInMs: 100,
      reason: 'transport close',
    });
    clock.advance(99);
    expect(retries()).toBe(0);
    clock.advance(1);
    expect(retries()).toBe(1);
    expect(fail()).toEqual({
      status: 'reconnecting',
      attempt: 2,
      retryInMs: 200,
      reason: 'transport close',
    });
  });

  it('keeps one retry waiting at a time', () => {
    const { clock, fail } = setup();
    fail();
    expect(fail()).toBeNull();
    expect(clock.pending).toBe(1);
  });

  it('once the limit is spent, announces failed with the last error and the attempts made', () => {
    const { clock, fail } = setup(1);
    fail();
    clock.advance(100);
    expect(fail('ERR_RATE_LIMITED')).toEqual({
      status: 'failed',
      error: 'ERR_RATE_LIMITED',
      message: 'Gave up reconnecting after 1 attempts (transport close).',
      attempt: 1,
    });
    expect(clock.pending).toBe(0);
  });

  it('joined() starts the count again; cancel() stops the waiting retry', () => {
    const { clock, reconnector, fail, retries } = setup(1);
    fail();
    clock.advance(100);
    reconnector.joined();
    expect(fail()?.status).toBe('reconnecting');
    reconnector.cancel();
    clock.advance(1_000);
    expect(retries()).toBe(1);
    expect(clock.pending).toBe(0);
  });

  it('runs the waiting retry at once on retryNow, once, and keeps counting attempts', () => {
    const { clock, reconnector, fail, retries } = setup(3);
    expect(reconnector.retryNow()).toBe(false);
    fail('ERR_UNREACHABLE');
    expect(reconnector.retryNow()).toBe(true);
    expect(retries()).toBe(1);
    // The timer it replaced never fires, and there is nothing left to run early.
    clock.advance(1_000);
    expect(retries()).toBe(1);
    expect(reconnector.retryNow()).toBe(false);
    expect(fail('ERR_UNREACHABLE')).toMatchObject({ status: 'reconnecting', attempt: 2 });
    reconnector.cancel();
    expect(reconnector.retryNow()).toBe(false);
    clock.advance(1_000);
    expect(retries()).toBe(1);
  });
});
