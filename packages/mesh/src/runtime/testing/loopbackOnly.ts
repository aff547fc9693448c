// Test support: whether this process may open real peer connections. They must only ever see
// loopback: run inside `unshare -n sh -c 'ip link set lo up; ...'` (the project's test runner
// does). Exported as `@meshwork/mesh/testing/loopbackOnly` for the other packages' real-WebRTC tests.
import { networkInterfaces } from 'node:os';

/** Non-loopback interfaces with an address; empty inside a loopback-only namespace. */
export function outsideInterfaces(): string[] {
  return Object.entries(networkInterfaces())
    .filter(([, addrs]) => (addrs ?? []).some((a) => !a.internal))
    .map(([name]) => name);
}

/**
 * True when real WebRTC may run here: only loopback is up, or the runner could not isolate the
 * network and says so with MESHWORK_ALLOW_HOST_NETWORK=1. Otherwise it explains why it skips.
 */
export function mayOpenPeerConnections(): boolean {
  const outside = outsideInterfaces();
  if (outside.length === 0 || process.env.MESHWORK_ALLOW_HOST_NETWORK === '1') return true;
  console.warn(
    `meshwork: skipping real-WebRTC tests: interfaces ${outside.join(', ')} are up. Run them in ` +
      "a loopback-only namespace: unshare -n sh -c 'ip link set lo up; npx vitest run', or set " +
      'MESHWORK_ALLOW_HOST_NETWORK=1 where no namespace can be made.',
  );
  return false;
}
