import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** bench/results/latest.json. */
export const RESULTS_FILE = join(
  fileURLToPath(new URL('../../..', import.meta.url)),
  'bench/results/latest.json',
);

/**
 * Writes `value` as the top-level `key` of latest.json and keeps every other key: the
 * standalone benchmarks (uplink, cpu) add their figures beside the main run's.
 */
export function mergeResults(key: string, value: unknown): void {
  const existing = existsSync(RESULTS_FILE)
    ? (JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Record<string, unknown>)
    : {};
  existing[key] = value;
  writeFileSync(RESULTS_FILE, `${JSON.stringify(existing, null, 2)}\n`);
}

/** The top-level `key` of latest.json as it stands, if any. */
export function readResults(key: string): unknown {
  if (!existsSync(RESULTS_FILE)) return undefined;
  return (JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Record<string, unknown>)[key];
}
