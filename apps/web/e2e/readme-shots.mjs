// Takes the README's screenshots: four people (Ana, Bo, Cy, Di) in one room of the built app,
// then writes docs/images/call-four.png (the call once every video plays) and
// docs/images/topology.png (the room in Star, with the participants panel and its picture).
//
//   cd /work/main && pnpm exec turbo run build --filter=@meshwork/signal --filter=@meshwork/web
//   pnpm --filter @meshwork/web screenshots
//
// As root it re-runs itself inside a fresh network namespace with only loopback (TESTING.md).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, startSignalApp } from './stack.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const webRoot = resolve(here, '..');
const repoRoot = resolve(webRoot, '../..');
const signalEntry = resolve(repoRoot, 'apps/signal/dist/main.js');
const webDist = resolve(webRoot, 'dist');
const imagesDir = resolve(repoRoot, 'docs/images');
const ISOLATED_ENV = 'MESHWORK_SHOTS_ISOLATED';

/** The size of both pictures. */
const VIEWPORT = { width: 1100, height: 700 };
/** Bounds every wait on the page; the script never sleeps to order steps. */
const WAIT_MS = 45_000;
const PEOPLE = ['Ana', 'Bo', 'Cy', 'Di'];
const ROOM = 'team-standup';

function isolate() {
  if (process.env[ISOLATED_ENV]) return false;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasUnshare =
    spawnSync('sh', ['-c', 'command -v unshare'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasUnshare) {
    console.warn(
      `screenshots: ${isRoot ? 'unshare is missing' : 'not running as root'}; running WITHOUT a loopback-only network namespace.`,
    );
    return false;
  }
  const script = fileURLToPath(import.meta.url);
  const result = spawnSync(
    'unshare',
    ['-n', 'sh', '-c', 'ip link set lo up && exec "$0" "$1"', process.execPath, script],
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
  });
}

/** Opens the room as a new person (own context), waits for the camera preview, joins. */
async function joinAs(browser, baseUrl, name) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  await page.goto(`${baseUrl}/r/${ROOM}?quality=low`);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Your camera preview').waitFor();
  await page.getByRole('button', { name: 'Join' }).click();
  return page;
}

/** Waits until the page shows `tiles` tiles and every remote video has decoded `frames` more. */
async function waitForVideos(page, tiles, frames = 15) {
  const since = await page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('figure[data-origin] video')].map((v) => [
        v.closest('figure')?.getAttribute('data-origin'),
        v.getVideoPlaybackQuality().totalVideoFrames,
      ]),
    ),
  );
  await page.waitForFunction(
    ({ since, tiles, frames }) => {
      const videos = [...document.querySelectorAll('figure[data-origin] video')];
      if (videos.length !== tiles) return false;
      return videos
        .filter((v) => !v.muted)
        .every(
          (v) =>
            v.readyState >= 2 &&
            v.getVideoPlaybackQuality().totalVideoFrames >=
              (since[v.closest('figure')?.getAttribute('data-origin') ?? ''] ?? 0) + frames,
        );
    },
    { since, tiles, frames },
    { timeout: WAIT_MS },
  );
}

/** Waits until no toast is showing and no tile is hovered, then saves the page. */
async function shoot(page, file) {
  await page.mouse.move(VIEWPORT.width - 2, VIEWPORT.height - 2);
  await page.locator('.toast').first().waitFor({ state: 'detached' });
  await waitForVideos(page, PEOPLE.length, 5);
  await page.screenshot({ path: resolve(imagesDir, file) });
  console.log(`screenshots: wrote docs/images/${file}`);
}

async function main() {
  isolate();
  await mkdir(imagesDir, { recursive: true });
  const { baseUrl, child } = await startSignal();
  const browser = await launchChromium();
  try {
    const pages = [];
    for (const name of PEOPLE) pages.push(await joinAs(browser, baseUrl, name));
    for (const page of pages) await waitForVideos(page, PEOPLE.length);
    const [ana, bo] = pages;
    await shoot(ana, 'call-four.png');

    // Star with Ana, the first to join, as the hub: Bo sees Cy and Di through her.
    await ana.getByRole('button', { name: 'Settings' }).click();
    await ana.getByRole('radio', { name: 'Star' }).check();
    await ana.getByRole('button', { name: 'Close settings' }).click();
    for (const page of pages) {
      await page.getByText(/^Topology: Star/).waitFor();
      await waitForVideos(page, PEOPLE.length);
    }
    await bo.getByRole('figure', { name: 'Di', exact: true }).getByText('via Ana').waitFor();
    await bo
      .getByRole('navigation', { name: 'Call controls' })
      .getByRole('button', { name: 'Participants' })
      .click();
    await bo.getByRole('img', { name: 'Star topology of 4 peers' }).waitFor();
    await shoot(bo, 'topology.png');
  } finally {
    await browser.close();
    child.kill('SIGTERM');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
