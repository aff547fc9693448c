import { type Clock, systemClock, type TimerHandle } from './clock';

/**
 * Settles like `task`, or rejects with `timedOut()` if `task` has not settled after `ms`. The task
 * itself goes on; its rejection after the deadline is ignored, since the caller has moved on.
 */
export async function withDeadline<T>(
  task: Promise<T>,
  ms: number,
  timedOut: () => Error,
  clock: Clock = systemClock,
): Promise<T> {
  task.catch(() => {});
  let timer: TimerHandle | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = clock.setTimeout(() => reject(timedOut()), ms);
  });
  try {
    return await Promise.race([task, deadline]);
  } finally {
    clock.clearTimeout(timer);
  }
}
