// Runs the browser end-to-end tests inside a fresh network namespace with only loopback, so
// WebRTC and Chromium cannot send traffic anywhere else (TESTING.md, "loopback only").
import { spawnSync } from 'node:child_process';

const vitest = 'npx vitest run -c vitest.e2e.config.ts';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasUnshare = spawnSync('sh', ['-c', 'command -v unshare'], { stdio: 'ignore' }).status === 0;

let result;
if (isRoot && hasUnshare) {
  // Firefox gathers no ICE candidates without a default route; over lo nothing can leave.
  const net = 'ip link set lo up && ip route add default dev lo src 127.0.0.1';
  result = spawnSync('unshare', ['-n', 'sh', '-c', `${net} && ${vitest}`], {
    stdio: 'inherit',
  });
} else {
  console.warn(
    `e2e: ${isRoot ? 'unshare is missing' : 'not running as root'}; running WITHOUT a loopback-only network namespace.`,
  );
  result = spawnSync('sh', ['-c', vitest], { stdio: 'inherit' });
}
process.exit(result.status ?? 1);
