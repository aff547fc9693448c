import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Set in the re-executed process so it does not re-exec again. */
export const NETNS_ENV = 'MESHWORK_BENCH_NETNS';

/**
 * Re-runs this process inside a fresh network namespace with only `lo` up, when root and
 * `unshare` exist, and exits with its status. Returns the network the caller runs on when it
 * does not re-exec (already inside, or not possible, which is said on stderr).
 */
export function enterLoopbackNamespace(): 'namespace' | 'host' {
  if (process.env[NETNS_ENV] === '1') return 'namespace';
  const isRoot = process.getuid?.() === 0;
  const unshare = ['/usr/bin/unshare', '/bin/unshare'].find((p) => existsSync(p));
  if (!isRoot || !unshare) {
    console.warn(
      `bench: ${!isRoot ? 'not root' : 'unshare not found'}, so running on the host network; ` +
        'every connection still goes to 127.0.0.1 only, but WebRTC may gather other interfaces.',
    );
    return 'host';
  }
  console.info('bench: re-running inside a loopback-only network namespace (unshare -n, lo up)');
  const args = [...process.execArgv, ...process.argv.slice(1)];
  const result = spawnSync(
    unshare,
    ['-n', 'sh', '-c', 'ip link set lo up && exec "$0" "$@"', process.execPath, ...args],
    { stdio: 'inherit', env: { ...process.env, [NETNS_ENV]: '1' } },
  );
  process.exit(result.status ?? 1);
}
