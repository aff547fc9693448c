/** Largest |ms since the epoch| a `Date` can hold; past it every Date method throws or is NaN. */
export const MAX_DATE_MS = 8_640_000_000_000_000;

/** What a time that cannot be shown renders as. */
export const NO_TIME = '—';

const CLOCK = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * A Date for `ms`, or null when it is not a finite number inside what a Date holds. A peer
 * chooses the number, so nothing below may assume it is valid.
 */
export function safeDate(ms: unknown): Date | null {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || Math.abs(ms) > MAX_DATE_MS) return null;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** `14:05` for a valid time, `—` for any other value; never throws. */
export function clockTime(ms: unknown, format: Intl.DateTimeFormat = CLOCK): string {
  const date = safeDate(ms);
  if (!date) return NO_TIME;
  try {
    return format.format(date);
  } catch {
    // Intl throws RangeError for times it cannot place on a calendar; show none instead.
    return NO_TIME;
  }
}

/** The ISO form for a `<time dateTime>` attribute, or undefined when the time is not valid. */
export function isoTime(ms: unknown): string | undefined {
  return safeDate(ms)?.toISOString();
}
