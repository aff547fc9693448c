// A host of the test's own whose downlink the test can limit: a network namespace joined to the
// test's namespace by a veth pair, and a Chromium launched inside it (TESTING.md, "Faults and real
// networks"). Its name follows netlab's, so a sweep deletes it if this process dies first.
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM_ARGS, niceCommand } from './stack.mjs';

/** The veth pair's /30: the test's end and the slow host's end. */
const GATEWAY = '10.78.0.1';
const ADDRESS = '10.78.0.2';

/** A namespace behind a veth pair whose traffic towards it the test can limit. */
export interface SlowHost {
  /** The test's end of the pair: what the slow host reaches the test's servers at. */
  gateway: string;
  /**
   * Headless Chromium inside the namespace, allowed media on `http://<gateway>:<port>`, at
   * `niceness` if given (stack.mjs `BROWSER_NICENESS`, beside a media hub).
   */
  launchChromium(port: number, niceness?: number): Promise<Browser>;
  /** Limits what reaches the host to `kbit` kbit/s (tc tbf on the test's end); 0 lifts it. */
  limitDownlink(kbit: number): Promise<void>;
  /** Deletes the namespace (and with it the pair). Idempotent. */
  close(): Promise<void>;
}

/** Bound on each `ip` or `tc` command. */
const COMMAND_TIMEOUT_MS = 10_000;

/** Runs one command without a shell; rejects with its stderr. */
function run({ argv }: { argv: string[] }): Promise<void> {
  const [file = '', ...args] = argv;
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: COMMAND_TIMEOUT_MS }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`${argv.join(' ')}: ${stderr || error.message}`));
      else resolve();
    });
  });
}

const ip = process.env.IP_PATH ?? 'ip';
const tc = process.env.TC_PATH ?? 'tc';

/** Makes the namespace and its veth pair (as root, inside the test's own namespace). */
export async function createSlowHost(): Promise<SlowHost> {
  const short = process.pid.toString(36);
  const ns = `mwl${process.pid}n900-slow`;
  const here = `mws${short}a`;
  const there = `mws${short}b`;
  const dir = await mkdtemp(join(tmpdir(), 'meshwork-slow-'));
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await run({ argv: [ip, 'netns', 'del', ns] }).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (const argv of [
      [ip, 'netns', 'add', ns],
      [ip, 'link', 'add', here, 'type', 'veth', 'peer', 'name', there],
      [ip, 'link', 'set', there, 'netns', ns],
      [ip, 'addr', 'add', `${GATEWAY}/30`, 'dev', here],
      [ip, 'link', 'set', here, 'up'],
      [ip, '-n', ns, 'link', 'set', 'lo', 'up'],
      [ip, '-n', ns, 'addr', 'add', `${ADDRESS}/30`, 'dev', there],
      [ip, '-n', ns, 'link', 'set', there, 'up'],
      [ip, '-n', ns, 'route', 'add', 'default', 'via', GATEWAY],
    ]) {
      await run({ argv });
    }
  } catch (error) {
    await close();
    throw error;
  }
  // Playwright talks to Chromium over inherited pipes, which `ip netns exec` keeps.
  const wrapper = join(dir, 'chromium-in-namespace');
  await writeFile(
    wrapper,
    `#!/bin/sh\nexec ${ip} netns exec ${ns} ${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'} "$@"\n`,
  );
  await chmod(wrapper, 0o755);
  return {
    gateway: GATEWAY,
    launchChromium: (port, niceness) =>
      chromium.launch({
        executablePath: niceness === undefined ? wrapper : niceCommand(wrapper, niceness),
        args: [
          ...CHROMIUM_ARGS,
          // The app is served from the gateway's address, not localhost: media needs a secure origin.
          `--unsafely-treat-insecure-origin-as-secure=http://${GATEWAY}:${port}`,
        ],
      }),
    async limitDownlink(kbit) {
      if (kbit === 0) {
        await run({ argv: [tc, 'qdisc', 'del', 'dev', here, 'root'] });
        return;
      }
      const burst = Math.max(32, Math.ceil(kbit / 50));
      await run({
        argv: [tc, 'qdisc', 'replace', 'dev', here, 'root', 'tbf', 'rate', `${kbit}kbit`].concat([
          'burst',
          `${burst}kbit`,
          'latency',
          '400ms',
        ]),
      });
    },
    close,
  };
}
