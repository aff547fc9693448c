import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc times (`getconf CLK_TCK`, 100 on Linux). */
export const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * Pids of every Chromium page renderer on the machine: `--type=renderer` in its cmdline, and not
 * the browser's own WebUI renderer (`--top-chrome-webui`), which each new context starts too.
 */
export function rendererPids(): Set<number> {
  const pids = new Set<number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes('--type=renderer') && !cmdline.includes('--top-chrome-webui')) {
        pids.add(Number(entry));
      }
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}

/** CPU seconds (user + system) process `pid` has used so far, or NaN when it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised name, which may hold spaces: utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

/**
 * Runs `open` and returns the one renderer it started: the pids present after it and not before.
 * Null when that is not exactly one (then per-page CPU cannot be told apart).
 */
export async function newRenderer<T>(
  open: () => Promise<T>,
): Promise<{ value: T; pid: number | null }> {
  const before = rendererPids();
  const value = await open();
  const added = [...rendererPids()].filter((pid) => !before.has(pid));
  return { value, pid: added.length === 1 ? (added[0] ?? null) : null };
}
