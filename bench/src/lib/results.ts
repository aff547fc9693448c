/** Facts about the machine a run happened on. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  os: string;
}

/** How one run was made. */
export interface RunMeta {
  date: string;
  mode: 'quick' | 'full';
  machine: Machine;
  /** `namespace`: inside a loopback-only network namespace; `host`: on the host network. */
  network: 'namespace' | 'host';
  durationS: number;
  /** 1-minute load average when the run started and ended: other work on the machine skews latencies. */
  loadAverage: { start: number; end: number };
  chromium: string | null;
}

/** Everything a run produced: measured keys, keys that could not be measured and why, notes. */
export interface Results {
  meta: RunMeta;
  signal: Record<string, unknown>;
  web: Record<string, unknown>;
  browser: Record<string, unknown>;
  /** Key (dotted) -> why it has no number in this run. */
  pending: Record<string, string>;
  /** Free-form findings printed under the tables. */
  notes: string[];
}

/** Reads a dotted key such as `signal.joinAckMs.p50` or `browser.switch.mesh->star.ms`. */
export function readKey(root: unknown, path: readonly string[]): unknown {
  let at: unknown = root;
  for (const part of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

/** A number at `path`, or null when absent or not finite. */
export function readNumber(root: unknown, path: readonly string[]): number | null {
  const v = readKey(root, path);
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
