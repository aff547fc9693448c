import type { TimingMark } from '../browser/page/api';
import { round } from './stats';

/**
 * Where one switch spent its time, in ms from the request, as the latest page saw each step:
 * the plan prepared, the links the switch opened connected, incoming tracks decoding (the
 * readiness gate), the plan ready, and the commit.
 */
export interface SwitchProfile {
  preparedMs: number | null;
  linksConnectedMs: number | null;
  /** Links that connected during the switch, over all pages. */
  linksOpened: number;
  decodedMs: number | null;
  /** Tracks that counted as arrived by their deadline instead of a decoded frame. */
  deadlines: number;
  readyMs: number | null;
  /** The longest prepare-to-ready of any page (its own mark). */
  slowestReadyAfterPrepareMs: number | null;
  committedMs: number;
}

function latest(values: readonly number[]): number | null {
  return values.length === 0 ? null : Math.max(...values);
}

/** The profile of a switch requested at `requested` whose last commit came at `committed`. */
export function switchProfile(
  marksByPage: ReadonlyArray<readonly TimingMark[]>,
  requested: number,
  committed: number,
): SwitchProfile {
  const prepared: number[] = [];
  const connected: number[] = [];
  const decoded: number[] = [];
  const ready: number[] = [];
  const afterPrepare: number[] = [];
  let deadlines = 0;
  for (const marks of marksByPage) {
    for (const m of marks) {
      if (m.at < requested || m.at > committed) continue;
      const at = m.at - requested;
      if (m.msg === 'plan prepared') prepared.push(at);
      else if (m.msg === 'status' && m.data.to === 'connected') connected.push(at);
      else if (m.msg === 'incoming tracks decoding') {
        if (m.data.why === 'deadline') deadlines += 1;
        decoded.push(at);
      } else if (m.msg === 'plan ready') {
        ready.push(at);
        if (typeof m.data.sincePreparedMs === 'number') afterPrepare.push(m.data.sincePreparedMs);
      }
    }
  }
  const r = (v: number | null) => (v === null ? null : round(v, 1));
  return {
    preparedMs: r(latest(prepared)),
    linksConnectedMs: r(latest(connected)),
    linksOpened: connected.length,
    decodedMs: r(latest(decoded)),
    deadlines,
    readyMs: r(latest(ready)),
    slowestReadyAfterPrepareMs: r(latest(afterPrepare)),
    committedMs: round(committed - requested, 1),
  };
}
