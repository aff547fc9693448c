// Finds or installs what the project needs on a machine that starts with only Node and npm.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const PNPM_VERSION = '12.21.0';

/** Runs a command with inherited output; throws with the command line if it fails. */
export function run(cmd, args, options = {}) {
  const res = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (res.status !== 0) {
    throw new Error(`command failed (${res.status ?? res.signal}): ${cmd} ${args.join(' ')}`);
  }
}

function works(cmd, args) {
  const res = spawnSync(cmd, args, { encoding: 'utf8' });
  return res.status === 0 ? res.stdout.trim() : null;
}

/** Returns [command, ...prefixArgs] that runs pnpm 12, installing it globally if it is missing. */
export function ensurePnpm() {
  const have = works('pnpm', ['--version']);
  if (have?.startsWith('12.')) return ['pnpm'];
  console.info(`meshwork: installing pnpm ${PNPM_VERSION} with npm`);
  const res = spawnSync('npm', ['install', '-g', `pnpm@${PNPM_VERSION}`], { stdio: 'inherit' });
  if (res.status === 0 && works('pnpm', ['--version'])?.startsWith('12.')) return ['pnpm'];
  console.warn('meshwork: global install failed; running pnpm through npx');
  return ['npx', '--yes', `pnpm@${PNPM_VERSION}`];
}

/** Installs workspace dependencies (frozen lockfile, as CI does). */
export function installDependencies(pnpm) {
  const [cmd, ...pre] = pnpm;
  run(cmd, [...pre, 'install', '--frozen-lockfile']);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * Makes sure a Debian package's binary exists, installing the package with apt-get when this
 * process is root. Returns the binary path, or null with a printed reason.
 */
export function ensureDebianBinary(binary, debianPackage) {
  const found = works('sh', ['-c', `command -v ${binary}`]);
  if (found) return found;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    console.warn(`meshwork: ${binary} is missing; install the Debian package ${debianPackage}`);
    return null;
  }
  console.info(`meshwork: installing ${debianPackage} with apt-get`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', debianPackage], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return works('sh', ['-c', `command -v ${binary}`]);
}

/**
 * Whether commands can run in a fresh network namespace that has only loopback, so tests that
 * open peer connections never send traffic beyond this machine.
 */
export function canIsolateNetwork() {
  if (!isRoot) return { ok: false, reason: 'not running as root' };
  if (!works('sh', ['-c', 'command -v unshare && command -v ip'])) {
    return { ok: false, reason: 'unshare or ip (util-linux, iproute2) is missing' };
  }
  const probe = spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up'], { stdio: 'ignore' });
  if (probe.status !== 0) return { ok: false, reason: 'unshare -n is not permitted here' };
  return { ok: true, reason: '' };
}
