import { TokenBucket } from './rateLimit';

// Keyed maps are swept when they double in size, so a sweep costs O(1) per insert amortised and
// idle keys (addresses that went away) never pile up.
const MIN_SWEEP_SIZE = 1_024;

/**
 * Password attempts per address and room before backoff starts: as many as one socket's burst
 * (PASSWORD_ATTEMPTS_BURST), so a person mistyping a few times never waits.
 */
export const PASSWORD_FREE_ATTEMPTS = 5;
/** The first backoff after the free attempts; it doubles with each further attempt. */
export const PASSWORD_BACKOFF_BASE_MS = 1_000;
/** Longest wait between two password attempts from one address to one room. */
export const PASSWORD_BACKOFF_MAX_MS = 5 * 60_000;

/**
 * Counts holders per key up to `max` (connections per address, joins waiting per room). A key
 * whose count drops to zero is forgotten at once.
 */
export class KeyedCounter {
  private readonly counts = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Takes a place for `key`; false (and nothing taken) when it already has `max`. */
  acquire(key: string): boolean {
    const count = this.counts.get(key) ?? 0;
    if (count >= this.max) return false;
    this.counts.set(key, count + 1);
    return true;
  }

  /** Gives back a place taken by `acquire`. */
  release(key: string): void {
    const count = this.counts.get(key) ?? 0;
    if (count <= 1) this.counts.delete(key);
    else this.counts.set(key, count - 1);
  }

  /** Places held for `key`. */
  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  /** Keys holding at least one place. */
  get size(): number {
    return this.counts.size;
  }
}

/** A token bucket per key (joins per address per minute); full buckets are swept away. */
export class KeyedRate {
  private readonly buckets = new Map<string, { bucket: TokenBucket; last: number }>();
  private sweepAt = MIN_SWEEP_SIZE;
  private readonly perSecond: number;
  // A bucket untouched this long is full again, so forgetting it changes nothing.
  private readonly refillMs: number;

  constructor(
    private readonly capacity: number,
    perMinute: number,
  ) {
    this.perSecond = perMinute / 60;
    this.refillMs = (capacity / this.perSecond) * 1000;
  }

  /** Takes one token for `key` at `now`. */
  take(key: string, now: number): boolean {
    if (!Number.isFinite(this.capacity)) return true;
    let entry = this.buckets.get(key);
    if (entry === undefined) {
      this.sweep(now);
      entry = { bucket: new TokenBucket(this.capacity, this.perSecond, now), last: now };
      this.buckets.set(key, entry);
    }
    entry.last = now;
    return entry.bucket.take(now);
  }

  /** Keys with a bucket that is not known to be full. */
  get size(): number {
    return this.buckets.size;
  }

  private sweep(now: number): void {
    if (this.buckets.size < this.sweepAt) return;
    for (const [key, entry] of this.buckets) {
      if (now - entry.last >= this.refillMs) this.buckets.delete(key);
    }
    this.sweepAt = Math.max(MIN_SWEEP_SIZE, 2 * this.buckets.size);
  }
}

/** How long to wait after the `attempts`-th attempt before another one is allowed. */
export function passwordBackoffMs(attempts: number): number {
  if (attempts < PASSWORD_FREE_ATTEMPTS) return 0;
  const exponent = Math.min(attempts - PASSWORD_FREE_ATTEMPTS, 30);
  return Math.min(PASSWORD_BACKOFF_BASE_MS * 2 ** exponent, PASSWORD_BACKOFF_MAX_MS);
}

/**
 * [P18] Password attempts per key (address and room) with exponential backoff. Every attempt
 * is charged when it starts, not when it fails, so attempts sent in parallel (before any
 * answer) are bounded too; only a successful join clears the key.
 */
export class PasswordBackoff {
  private readonly entries = new Map<string, { attempts: number; nextAt: number }>();
  private sweepAt = MIN_SWEEP_SIZE;

  /** Starts one attempt for `key`; false when it must wait (nothing is charged then). */
  take(key: string, now: number): boolean {
    const entry = this.entries.get(key);
    if (entry !== undefined && now < entry.nextAt) return false;
    if (entry === undefined) this.sweep(now);
    const attempts = (entry?.attempts ?? 0) + 1;
    this.entries.set(key, { attempts, nextAt: now + passwordBackoffMs(attempts) });
    return true;
  }

  /** The attempt joined: the key starts afresh. */
  succeeded(key: string): void {
    this.entries.delete(key);
  }

  /** Keys with attempts on record. */
  get size(): number {
    return this.entries.size;
  }

  private sweep(now: number): void {
    if (this.entries.size < this.sweepAt) return;
    // Quiet for the longest backoff: the attacker has paid; forget the key.
    for (const [key, entry] of this.entries) {
      if (now - entry.nextAt >= PASSWORD_BACKOFF_MAX_MS) this.entries.delete(key);
    }
    this.sweepAt = Math.max(MIN_SWEEP_SIZE, 2 * this.entries.size);
  }
}
