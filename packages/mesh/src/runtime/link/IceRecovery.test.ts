import { FakeClock, noopLogger, Timers } from '@meshwork/kit';
import { describe, expect, it } from 'vitest';
import {
  CONNECT_TIMEOUT_MS,
  DISCONNECTED_GRACE_MS,
  ICE_RESTART_BACKOFF_MS,
  ICE_RESTART_TIMEOUT_MS,
  IceRecovery,
  type IceTimer,
} from './IceRecovery';

/** A connection state the peer connection reports, or milliseconds to let pass. */
type Step = RTCPeerConnectionState | number;

const [B0 = 0, B1 = 0, B2 = 0] = ICE_RESTART_BACKOFF_MS;
const GRACE = DISCONNECTED_GRACE_MS;
const TIMEOUT = ICE_RESTART_TIMEOUT_MS;
/** From a first failure at 0 to the last attempt timing out. */
const EXHAUSTED = B0 + TIMEOUT + B1 + TIMEOUT + B2 + TIMEOUT;
const EVERY_ATTEMPT: Step[] = ['connected', 'failed', B0, TIMEOUT, B1, TIMEOUT, B2, TIMEOUT];
const EVERY_ATTEMPT_LOG = [
  'connected@0',
  'restarting@0',
  `restart@${B0}`,
  `restarting@${B0 + TIMEOUT}`,
  `restart@${B0 + TIMEOUT + B1}`,
  `restarting@${B0 + TIMEOUT + B1 + TIMEOUT}`,
  `restart@${B0 + TIMEOUT + B1 + TIMEOUT + B2}`,
  `failed@${EXHAUSTED}: restart timed out`,
];

function run(steps: readonly Step[]) {
  const clock = new FakeClock();
  const timers = new Timers<IceTimer>(clock);
  const log: string[] = [];
  const at = (what: string) => log.push(`${what}@${clock.now()}`);
  const recovery = new IceRecovery(
    timers,
    {
      restarting: () => at('restarting'),
      restart: () => at('restart'),
      connected: () => at('connected'),
      failed: (reason) => log.push(`failed@${clock.now()}: ${reason}`),
    },
    noopLogger,
  );
  for (const step of steps) {
    if (typeof step === 'number') clock.advance(step);
    else recovery.connectionChanged(step);
  }
  return { log, recovery, timers };
}

describe('IceRecovery', () => {
  it.each<{ name: string; steps: Step[]; log: string[] }>([
    {
      name: '[M6] a failed connection restarts after the first backoff and recovers',
      steps: ['connected', 'failed', B0 - 1, 1, 'connected'],
      log: ['connected@0', 'restarting@0', `restart@${B0}`, `connected@${B0}`],
    },
    {
      name: '[M6] disconnected within the grace period is left alone',
      steps: ['connected', 'disconnected', GRACE - 1, 'connected', 10 * GRACE],
      log: ['connected@0', `connected@${GRACE - 1}`],
    },
    {
      name: '[M6] disconnected past the grace period starts restarting',
      steps: ['connected', 'disconnected', GRACE - 1, 1],
      log: ['connected@0', `restarting@${GRACE}`],
    },
    {
      name: '[M6] a link that never connects starts restarting after CONNECT_TIMEOUT_MS',
      steps: ['connecting', CONNECT_TIMEOUT_MS - 1, 1],
      log: [`restarting@${CONNECT_TIMEOUT_MS}`],
    },
    {
      name: '[M6] a connected link has no connect timeout',
      steps: ['connected', 2 * CONNECT_TIMEOUT_MS],
      log: ['connected@0'],
    },
    {
      name: '[M6] each restart not connected within ICE_RESTART_TIMEOUT_MS gets the next; after the last the link fails',
      steps: [...EVERY_ATTEMPT, 10 * TIMEOUT],
      log: EVERY_ATTEMPT_LOG,
    },
    {
      name: '[M6] a connection that comes back resets the attempts',
      steps: ['connected', 'failed', B0, TIMEOUT, B1, 'connected', 'failed', B0],
      log: [
        'connected@0',
        'restarting@0',
        `restart@${B0}`,
        `restarting@${B0 + TIMEOUT}`,
        `restart@${B0 + TIMEOUT + B1}`,
        `connected@${B0 + TIMEOUT + B1}`,
        `restarting@${B0 + TIMEOUT + B1}`,
        `restart@${B0 + TIMEOUT + B1 + B0}`,
      ],
    },
    {
      name: '[M6] a failure while a restart is scheduled schedules no second one',
      steps: ['connected', 'failed', 'disconnected', 'failed', B0],
      log: ['connected@0', 'restarting@0', `restart@${B0}`],
    },
    {
      name: '[M6] failed is final: a connection coming back and new failures change nothing',
      steps: [...EVERY_ATTEMPT, 'connected', 'failed', 'disconnected', GRACE, CONNECT_TIMEOUT_MS],
      log: EVERY_ATTEMPT_LOG,
    },
  ])('$name', ({ steps, log }) => {
    expect(run(steps).log).toEqual(log);
  });

  it('[M6] once failed, no timer is left and the state says so', () => {
    const { recovery, timers } = run([...EVERY_ATTEMPT, 'disconnected', GRACE]);
    expect(recovery.failed).toBe(true);
    expect(timers.size).toBe(0);
  });

  it('[M8] after close nothing happens', () => {
    const { recovery, log } = run(['connected']);
    recovery.close();
    recovery.connectionChanged('failed');
    expect(log).toEqual(['connected@0']);
    expect(recovery.attempt).toBe(0);
  });
});
