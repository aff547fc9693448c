/** Bounds of the reconnect backoff, in milliseconds. */
export interface BackoffBounds {
  min: number;
  max: number;
}

/** Default reconnect backoff: first retry after about half a second, never more than 10 s apart. */
export const DEFAULT_RECONNECT_DELAY_MS: BackoffBounds = { min: 500, max: 10_000 };

/** How far (as a fraction) a delay is spread around its nominal value, so peers do not retry in step. */
export const BACKOFF_JITTER = 0.2;

/**
 * Delay before reconnect attempt `attempt` (1-based): exponential from `min`, capped at `max`,
 * spread by +-BACKOFF_JITTER using `random` (a number in [0, 1)). Pure.
 */
export function backoffDelay(
  attempt: number,
  bounds: BackoffBounds,
  random: () => number = Math.random,
): number {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(`attempt must be a positive integer, got ${attempt}`);
  }
  if (!(bounds.min >= 0 && bounds.max >= bounds.min)) {
    throw new RangeError(`bad backoff bounds ${bounds.min}..${bounds.max}`);
  }
  // 2 ** 30 is far past any cap; avoid Infinity for very large attempt numbers.
  const nominal = Math.min(bounds.max, bounds.min * 2 ** Math.min(attempt - 1, 30));
  const spread = nominal * BACKOFF_JITTER * (random() * 2 - 1);
  return Math.round(Math.min(bounds.max, Math.max(bounds.min, nominal + spread)));
}
