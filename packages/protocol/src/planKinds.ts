import type { PlanForward, PlanRoute } from './plan';
import type { TrackKind } from './primitives';

/**
 * The kind whose routes room data (chat, files, [M14]) follows in a hybrid plan (SPEC [P30]):
 * audio's full mesh, so a message takes one hop and never waits on a relay.
 */
export const DATA_FOLLOWS_KIND: TrackKind = 'audio';

/** Whether a route or forward rule carries tracks of `kind` (no `kind` on it: every kind). */
export function carriesKind(
  entry: Pick<PlanRoute | PlanForward, 'kind'>,
  kind: TrackKind,
): boolean {
  return entry.kind === undefined || entry.kind === kind;
}

/** Whether a route or forward rule carries room data: those of `DATA_FOLLOWS_KIND` or of every kind. */
export function carriesData(entry: Pick<PlanRoute | PlanForward, 'kind'>): boolean {
  return carriesKind(entry, DATA_FOLLOWS_KIND);
}
