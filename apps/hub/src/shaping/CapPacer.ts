/** Shortest time between two caps the hub sends one origin unless the cap moved a lot (ms). */
export const CAP_INTERVAL_MS = 1_000;
/** A change of the cap by more than this fraction is sent at once. */
export const CAP_CHANGE_FRACTION = 0.1;

/** The last cap sent an origin link. */
export interface SentCap {
  bps: number;
  at: number;
}

/**
 * What to send an origin link at `now`, given the cap it should have (null: none of its streams'
 * receivers limits it) and the last one sent: a cap goes out at most once per `CAP_INTERVAL_MS`
 * (renewed so it does not lapse at the origin), or at once when it moved by more than
 * `CAP_CHANGE_FRACTION`. With no cap wanted, a cap sent earlier is lifted once with `ceiling`;
 * an origin never capped is sent nothing. Returns the bit rate to send, or null for nothing.
 */
export function capToSend(
  wanted: number | null,
  last: SentCap | null,
  now: number,
  ceiling: number,
): number | null {
  if (wanted === null) {
    if (last === null || last.bps >= ceiling) return null;
    return ceiling;
  }
  if (last === null) return wanted;
  if (Math.abs(wanted - last.bps) > last.bps * CAP_CHANGE_FRACTION) return wanted;
  if (now - last.at >= CAP_INTERVAL_MS) return wanted;
  return null;
}
