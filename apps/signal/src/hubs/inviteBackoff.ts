/** First retry of an invitation a hub did not accept. */
export const INVITE_RETRY_MIN_MS = 1_000;
/** Longest wait between retries of an invitation. */
export const INVITE_RETRY_MAX_MS = 30_000;
/**
 * An accepted invitation is sent again this often, so a hub that restarted (and forgot the
 * signal apps it served) is back within this bound. The hub treats a repeat as a no-op.
 */
export const INVITE_RENEW_MS = 60_000;

/** Wait before retry number `failures` (1 = after the first failure): doubling, capped. */
export function inviteBackoffMs(failures: number): number {
  const steps = Math.max(0, Math.min(failures - 1, 16));
  return Math.min(INVITE_RETRY_MAX_MS, INVITE_RETRY_MIN_MS * 2 ** steps);
}
