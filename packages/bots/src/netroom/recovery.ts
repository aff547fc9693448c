import type { BotReport } from './messages';

/** Frames each bot decoded per origin, by bot index. */
export type FrameCounts = Array<Map<string, number>>;

/** How many new frames from an origin count as its media being back. */
export const FRAMES_BACK = 10;
/** An open gap shorter than this is the steady-state frame interval, not an outage. */
export const FLOWING_GAP_MS = 500;

/** Frames each report decoded per origin. */
export function frameCounts(reports: readonly BotReport[]): FrameCounts {
  return reports.map((r) => new Map(r.origins.map((o) => [o.origin, o.framesDecoded])));
}

/**
 * Whether every receiver has media from every one of its origins again: at least
 * `FRAMES_BACK` new frames since `base` and no gap open now. `pairs` names them by bot index.
 */
export function mediaBack(
  reports: readonly BotReport[],
  base: FrameCounts,
  pairs: ReadonlyArray<readonly [receiver: number, origin: string]>,
): boolean {
  return pairs.every(([i, origin]) => {
    const o = reports[i]?.origins.find((x) => x.origin === origin);
    if (o === undefined) return false;
    const fresh = o.openGapMs !== null && o.openGapMs < FLOWING_GAP_MS;
    return fresh && o.framesDecoded >= (base[i]?.get(origin) ?? 0) + FRAMES_BACK;
  });
}

/** The longest gap of each pair since the last `resetGaps` (the time media was out). */
export function longestGaps(
  reports: readonly BotReport[],
  pairs: ReadonlyArray<readonly [receiver: number, origin: string]>,
): number[] {
  return pairs.map(
    ([i, origin]) => reports[i]?.origins.find((x) => x.origin === origin)?.gapMs ?? Number.NaN,
  );
}

/** Every (receiver, origin) pair among the given bots, receivers and origins by peer id. */
export function pairsAmong(
  receivers: readonly number[],
  ids: readonly string[],
): Array<readonly [number, string]> {
  return receivers.flatMap((i) =>
    receivers.filter((j) => j !== i).map((j) => [i, ids[j] as string] as const),
  );
}

/**
 * Reads `read()` every `everyMs` until `mediaBack` holds for `pairs` or `giveUpMs` passed since
 * `since`; returns the last reports either way (the caller asserts on them).
 */
export async function waitMediaBack(
  read: () => Promise<BotReport[]>,
  base: FrameCounts,
  pairs: ReadonlyArray<readonly [number, string]>,
  since: number,
  giveUpMs: number,
  everyMs = 100,
): Promise<BotReport[]> {
  for (;;) {
    const last = await read();
    if (mediaBack(last, base, pairs) || Date.now() - since > giveUpMs) return last;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
