// Takes the README's screenshots into docs/screenshots/ (1280x800 PNGs, a phone at 390x844), each
// in a named step with a fresh room of its own (steps in shots/steps.mjs): the Automatic room in
// mesh and why, the topology picker with its costs, raised hands and a reaction, the call in
// Simplified Chinese, end-to-end encryption (the shield, who sees your media, the confirm before a
// switch that ends it), the star, hybrid with its cost and picture, the ring, the lobby (the
// newcomer waiting and the host's list), six people whose Automatic room went star, a phone, and
// the recording indicator.
//
//   pnpm screenshots                                  # from the repository root: builds, then runs this
//   pnpm --filter @meshwork/web screenshots           # after a build
//   pnpm --filter @meshwork/web screenshots --only lobby,ring
//   pnpm --filter @meshwork/web screenshots --list
//
// A failed step is reported and the others still run; the exit code says whether all passed.
// As root it re-runs itself inside a fresh network namespace with only loopback (TESTING.md).
// It is a script, not a test: `npm test` never runs it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHubProcess } from './hubProcess.mjs';
import { createCall } from './shots/call.mjs';
import { shoot, warnIfNoPngquant } from './shots/shoot.mjs';
import { STEPS } from './shots/steps.mjs';
import { launchChromium, startSignalApp } from './stack.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const webRoot = resolve(here, '..');
const repoRoot = resolve(webRoot, '../..');
const signalEntry = resolve(repoRoot, 'apps/signal/dist/main.js');
const webDist = resolve(webRoot, 'dist');
const shotsDir = resolve(repoRoot, 'docs/screenshots');
const ISOLATED_ENV = 'MESHWORK_SHOTS_ISOLATED';
/** The media hub of a step with `mediaHub: true` proves this to the signal app. */
const HUB_SECRET = 'readme-shots-hub-secret-0123456789';
const HUB_STATS_PORT = 18_192;

/** The steps named by `--only a,b` (or `--only a --only b`), else all; `--list` lists them. */
function selectSteps(argv) {
  if (argv.includes('--list')) {
    for (const step of STEPS) console.log(`${step.name}\t${step.files.join(', ')}`);
    process.exit(0);
  }
  const names = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--only') names.push(...(argv[++i] ?? '').split(','));
    else if (arg.startsWith('--only=')) names.push(...arg.slice('--only='.length).split(','));
    else if (arg !== '--') throw new Error(`screenshots: unknown argument ${arg} (--only, --list)`);
  }
  const wanted = names.map((n) => n.trim()).filter(Boolean);
  if (wanted.length === 0) return STEPS;
  const unknown = wanted.filter((n) => !STEPS.some((s) => s.name === n));
  if (unknown.length > 0) {
    throw new Error(
      `screenshots: no step ${unknown.join(', ')}; steps: ${STEPS.map((s) => s.name).join(', ')}`,
    );
  }
  return STEPS.filter((s) => wanted.includes(s.name));
}

function isolate() {
  if (process.env[ISOLATED_ENV]) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasUnshare =
    spawnSync('sh', ['-c', 'command -v unshare'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasUnshare) {
    console.warn(
      `screenshots: ${isRoot ? 'unshare is missing' : 'not running as root'}; running WITHOUT a loopback-only network namespace.`,
    );
    return;
  }
  const script = fileURLToPath(import.meta.url);
  const result = spawnSync(
    'unshare',
    [
      '-n',
      'sh',
      '-c',
      'ip link set lo up && ip route add default dev lo src 127.0.0.1 && exec "$@"',
      'isolated',
      process.execPath,
      script,
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit', env: { ...process.env, [ISOLATED_ENV]: '1' } },
  );
  process.exit(result.status ?? 1);
}

async function startSignal() {
  for (const [path, what] of [
    [signalEntry, 'the signal app'],
    [resolve(webDist, 'index.html'), 'the web app'],
  ]) {
    if (!existsSync(path)) {
      throw new Error(
        `${what} is not built (${path}); run: pnpm exec turbo run build --filter=@meshwork/signal --filter=@meshwork/web`,
      );
    }
  }
  return startSignalApp({
    command: process.execPath,
    args: [signalEntry],
    webRoot: webDist,
    resumeSecret: 'readme-shots-resume-secret-0123',
    env: { HUB_SECRET },
  });
}

/**
 * The pictures need the emoji of the control bar and reactions, and Chinese glyphs: without
 * their fonts headless Chromium draws empty boxes. Debian: fonts-noto-color-emoji,
 * fonts-wqy-microhei (or any CJK font).
 */
function checkFonts() {
  const has = (query) =>
    (spawnSync('fc-list', [query], { encoding: 'utf8' }).stdout ?? '').trim().length > 0;
  const missing = [
    has(':charset=1f44d') ? null : 'an emoji font (fonts-noto-color-emoji)',
    has(':lang=zh-cn') ? null : 'a Chinese font (fonts-wqy-microhei)',
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new Error(
      `screenshots: install ${missing.join(' and ')}; without them glyphs draw as boxes`,
    );
  }
}

/** Runs one step in a fresh room; a failure is reported with a picture of where it stood. */
async function runStep(step, browser, baseUrl) {
  const started = Date.now();
  console.log(`screenshots: ${step.name}: ${step.people.length} people join ${step.room}`);
  const call = createCall(browser, baseUrl, step.room);
  // A step's own media hub, as `npm start` runs one: its rooms can go star through the server.
  const hub = step.mediaHub
    ? await startHubProcess(baseUrl, { secret: HUB_SECRET, statsPort: HUB_STATS_PORT })
    : null;
  try {
    await call.joinAll(step.people);
    const shot = (page, file, options = {}) =>
      shoot(page, shotsDir, file, { tiles: call.pages.length, ...options });
    await step.run({ call, shot, browser, baseUrl });
    console.log(
      `screenshots: ${step.name}: done in ${Math.round((Date.now() - started) / 1000)} s`,
    );
  } catch (error) {
    const where = resolve(process.env.TMPDIR ?? '/tmp', `readme-shots-${step.name}-failed`);
    await mkdir(where, { recursive: true });
    for (const [name, page] of call.byName) {
      await page
        .screenshot({ path: resolve(where, `${name}.png`), timeout: 30_000 })
        .catch((e) => console.error(`screenshots: no picture of ${name}'s page: ${e.message}`));
    }
    console.error(`screenshots: ${step.name}: what the pages showed is in ${where}`);
    throw error;
  } finally {
    await call.close();
    await hub?.close();
  }
}

async function main() {
  const steps = selectSteps(process.argv.slice(2));
  isolate();
  checkFonts();
  warnIfNoPngquant();
  await mkdir(shotsDir, { recursive: true });
  const { baseUrl, child } = await startSignal();
  // Below a step's media hub, as in the hub tests (hubProcess.mjs says why).
  const browser = await launchChromium({ yieldToHub: true });
  const failed = [];
  try {
    for (const step of steps) {
      try {
        await runStep(step, browser, baseUrl);
      } catch (error) {
        failed.push(step.name);
        console.error(`screenshots: ${step.name} failed:`, error);
      }
    }
  } finally {
    await browser.close();
    child.kill('SIGTERM');
  }
  console.log(
    `screenshots: ${steps.length - failed.length} steps passed, ${failed.length} failed${failed.length ? ` (${failed.join(', ')})` : ''}`,
  );
  if (failed.length > 0) process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
