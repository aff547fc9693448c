// Takes the README's screenshots into docs/screenshots/ (1280x800 PNGs, a phone at 390x844):
// four people (Ana, Bo, Cy, Di) in one room of the built app, in each topology with the
// participants panel's picture, the settings with their cost preview, raised hands and a
// reaction, the recording indicator, the lobby (the newcomer waiting and the host's list), and
// the call on a phone.
//
//   pnpm screenshots          # from the repository root: builds, then runs this
//   pnpm --filter @meshwork/web screenshots   # after a build
//
// As root it re-runs itself inside a fresh network namespace with only loopback (TESTING.md).
// It is a script, not a test: `npm test` never runs it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, startSignalApp } from './stack.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const webRoot = resolve(here, '..');
const repoRoot = resolve(webRoot, '../..');
const signalEntry = resolve(repoRoot, 'apps/signal/dist/main.js');
const webDist = resolve(webRoot, 'dist');
const shotsDir = resolve(repoRoot, 'docs/screenshots');
const ISOLATED_ENV = 'MESHWORK_SHOTS_ISOLATED';

/** The size of the desktop pictures. */
const VIEWPORT = { width: 1280, height: 800 };
/** A phone's screen. */
const PHONE = { width: 390, height: 844 };
/** Bounds every wait on the page; the script never sleeps to order steps. */
const WAIT_MS = 120_000;
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
async function joinAs(browser, baseUrl, name, viewport = VIEWPORT) {
  const context = await browser.newContext({ viewport });
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

/**
 * Saves the page as docs/screenshots/<file> once its videos play; by default also once no toast
 * shows (`toasts: true` keeps them: the picture is of one). Nothing is hovered.
 */
async function shoot(page, file, { tiles = PEOPLE.length, toasts = false } = {}) {
  const size = page.viewportSize() ?? VIEWPORT;
  await page.mouse.move(size.width - 2, size.height - 2);
  if (!toasts) await page.locator('.toast').first().waitFor({ state: 'detached' });
  if (tiles > 0) await waitForVideos(page, tiles, 5);
  if (!toasts && (await page.locator('.toast').count()) > 0) {
    throw new Error(`${file}: toasts keep coming (the call is not settled)`);
  }
  const path = resolve(shotsDir, file);
  await page.screenshot({ path });
  console.log(`screenshots: wrote docs/screenshots/${file} (${(await stat(path)).size} bytes)`);
}

/** Opens the participants panel on `page` unless it is open. */
async function openPeople(page) {
  const controls = page.getByRole('navigation', { name: 'Call controls' });
  const open = controls.getByRole('button', { name: /^Participants/ });
  if (await open.count()) await open.click();
  await page.getByRole('list', { name: 'People in the room' }).waitFor();
}

/** Ana switches the room to `label`; every page then runs it and plays every video. */
async function switchTo(pages, label) {
  const [ana] = pages;
  await ana.getByRole('button', { name: 'Settings' }).click();
  await ana.getByRole('radio', { name: label }).check();
  await ana.getByRole('button', { name: 'Close settings' }).click();
  for (const page of pages) {
    await page.getByText(new RegExp(`^Topology: ${label}`)).waitFor();
    await waitForVideos(page, PEOPLE.length);
  }
}

async function main() {
  isolate();
  await mkdir(shotsDir, { recursive: true });
  const { baseUrl, child } = await startSignal();
  const browser = await launchChromium();
  try {
    const pages = [];
    for (const name of PEOPLE) pages.push(await joinAs(browser, baseUrl, name));
    for (const page of pages) await waitForVideos(page, PEOPLE.length);
    const [ana, bo, cy, di] = pages;

    // Each topology as Bo sees it, the participants panel drawing the links.
    await openPeople(bo);
    await bo.getByRole('img', { name: 'Full mesh topology of 4 peers' }).waitFor();
    await shoot(bo, 'call-mesh.png');
    await switchTo(pages, 'Star');
    await bo.getByRole('img', { name: 'Star topology of 4 peers' }).waitFor();
    await shoot(bo, 'call-star.png');
    await switchTo(pages, 'Ring');
    await bo.getByRole('img', { name: 'Ring topology of 4 peers' }).waitFor();
    await shoot(bo, 'call-ring.png');
    await switchTo(pages, 'Full mesh');

    // The settings, with what each topology would cost Ana.
    await ana.getByRole('button', { name: 'Settings' }).click();
    await ana.getByRole('dialog', { name: 'Settings' }).waitFor();
    await shoot(ana, 'settings-cost.png');
    await ana.getByRole('button', { name: 'Close settings' }).click();

    // Two hands up in order, then a reaction floating over Bo's tile.
    await openPeople(ana);
    await cy.getByRole('button', { name: 'Raise hand' }).click();
    await ana
      .getByRole('figure', { name: 'Cy', exact: true })
      .getByRole('img', { name: /Hand raised/ })
      .waitFor();
    await di.getByRole('button', { name: 'Raise hand' }).click();
    await ana
      .getByRole('figure', { name: 'Di', exact: true })
      .getByRole('img', { name: /Hand raised/ })
      .waitFor();
    await ana.locator('.toast').first().waitFor({ state: 'detached' });
    await bo.getByRole('button', { name: 'React: Heart' }).click();
    await ana
      .getByRole('figure', { name: 'Bo', exact: true })
      .getByRole('img', { name: 'Reacted: Heart' })
      .waitFor();
    await shoot(ana, 'hands-reaction.png', { toasts: true });
    for (const page of [cy, di]) await page.getByRole('button', { name: 'Lower hand' }).click();

    // Ana records; Bo sees the red dot and who records.
    await ana.getByRole('button', { name: 'Record' }).click();
    await bo.locator('.recording-indicator', { hasText: 'Recording · Ana' }).waitFor();
    await shoot(bo, 'recording.png');
    await ana.getByRole('button', { name: 'Stop recording' }).click();
    await bo.locator('.recording-indicator').waitFor({ state: 'detached' });

    // The lobby: Ana turns it on; Eve asks to join and waits; Ana sees her in the list.
    await ana.getByRole('button', { name: 'Settings' }).click();
    await ana.getByRole('checkbox', { name: /^Lobby/ }).check();
    await ana.getByRole('button', { name: 'Close settings' }).click();
    const eve = await joinAs(browser, baseUrl, 'Eve');
    await eve.getByRole('heading', { name: 'Waiting for the host to let you in' }).waitFor();
    await shoot(eve, 'lobby-waiting.png', { tiles: 0 });
    await openPeople(ana);
    await ana.getByRole('list', { name: 'Waiting to join' }).getByText('Eve').waitFor();
    await ana.locator('.toast').filter({ hasText: 'Eve is asking to join' }).waitFor();
    await shoot(ana, 'lobby-host.png', { toasts: true });
    await ana.getByRole('button', { name: 'Let Eve in' }).click();
    await eve.getByRole('figure', { name: 'Ana', exact: true }).waitFor();
    await eve.getByRole('button', { name: 'Leave' }).click();
    await ana.getByRole('figure', { name: 'Eve', exact: true }).waitFor({ state: 'detached' });
    await ana.getByRole('button', { name: 'Settings' }).click();
    await ana.getByRole('checkbox', { name: /^Lobby/ }).uncheck();
    await ana.getByRole('button', { name: 'Close settings' }).click();

    // The call on a phone: Fay joins from a phone-sized screen.
    const fay = await joinAs(browser, baseUrl, 'Fay', PHONE);
    await waitForVideos(fay, PEOPLE.length + 1);
    await shoot(fay, 'phone.png', { tiles: PEOPLE.length + 1 });
  } finally {
    await browser.close();
    child.kill('SIGTERM');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
