import { parseArgs } from 'node:util';

/** The command line help of `pnpm bots chaos`. */
export const CHAOS_USAGE = `usage: pnpm bots chaos [--bots N] [--duration S] [--seed N] [--bound-ms MS]

  Runs N wrtc bots, each in its own network namespace, with the signal app in a switch
  namespace (root needed), and injects faults one after another for S seconds: topology
  switches, joins, leaves, crashes, cuts, loss and signal app restarts. Prints a row per fault
  (detection time, time to media back) and exits 1 if an invariant broke.

  --bots N       bots (default 5, 3-12)
  --duration S   seconds of faults (default 60)
  --seed N       PRNG seed, to replay a run (default: random, printed)
  --bound-ms MS  media must be back within this after each fault (default 20000)
`;

/** What `pnpm bots chaos` was asked to run. */
export type ChaosArgs =
  | { kind: 'run'; bots: number; durationMs: number; seed: number; boundMs: number }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

function int(
  value: string | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new RangeError(`--${name} must be an integer ${min}-${max}`);
  return n;
}

/** Reads `pnpm bots chaos` arguments; `randomSeed` is used when none is given. Never throws. */
export function parseChaosArgs(args: string[], randomSeed: number): ChaosArgs {
  try {
    const { values } = parseArgs({
      args,
      options: {
        bots: { type: 'string' },
        duration: { type: 'string' },
        seed: { type: 'string' },
        'bound-ms': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    });
    if (values.help) return { kind: 'help' };
    return {
      kind: 'run',
      bots: int(values.bots, 'bots', 5, 3, 12),
      durationMs: int(values.duration, 'duration', 60, 1, 86_400) * 1_000,
      seed: int(values.seed, 'seed', randomSeed, 0, 2 ** 32 - 1),
      boundMs: int(values['bound-ms'], 'bound-ms', 20_000, 1_000, 600_000),
    };
  } catch (err) {
    return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
  }
}
