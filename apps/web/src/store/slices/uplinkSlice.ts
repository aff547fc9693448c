import { DEFAULT_UPLINK_KBPS, UPLINK_KBPS_MAX, UPLINK_KBPS_MIN } from '@meshwork/mesh/runtime';
import type { StoreDeps } from '../deps';
import type { AppStore, GetStore, SetStore } from '../types';

/** Where the uplink budget is remembered. */
export const UPLINK_KBPS_KEY = 'meshwork.uplinkKbps';

/** Budgets the settings offer, in kbit/s. */
export const UPLINK_CHOICES: readonly number[] = [
  250,
  500,
  1_000,
  DEFAULT_UPLINK_KBPS,
  5_000,
  10_000,
];

/** The person's uplink budget: what all their outgoing video and audio may use together. */
export type UplinkSlice = Pick<AppStore, 'uplinkKbps' | 'setUplinkBudget'>;

function usable(kbps: number): boolean {
  return Number.isFinite(kbps) && kbps >= UPLINK_KBPS_MIN && kbps <= UPLINK_KBPS_MAX;
}

function remembered(storage: StoreDeps['storage']): number {
  try {
    const kbps = Number(storage?.getItem(UPLINK_KBPS_KEY) ?? Number.NaN);
    return usable(kbps) ? kbps : DEFAULT_UPLINK_KBPS;
  } catch {
    return DEFAULT_UPLINK_KBPS;
  }
}

/** Creates the uplink slice; a join hands the budget to its session (roomSlice). */
export function createUplinkSlice(set: SetStore, _get: GetStore, deps: StoreDeps): UplinkSlice {
  return {
    uplinkKbps: remembered(deps.storage),
    setUplinkBudget(kbps) {
      if (!usable(kbps)) return;
      set({ uplinkKbps: kbps });
      try {
        deps.storage?.setItem(UPLINK_KBPS_KEY, String(kbps));
      } catch {
        // Private mode or a full storage: the budget still holds for this visit.
      }
      deps.sessions.current?.setUplinkBudget(kbps);
    },
  };
}
