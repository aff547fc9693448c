// Takes the README's screenshots into docs/screenshots/ (1280x800 PNGs, a phone at 390x844):
// four people (Ana, Bo, Cy, Di) in one room of the built app: the Automatic room in mesh and
// why, the settings' topology picker with its cost preview, raised hands and a reaction, the
// recording indicator, the call in Simplified Chinese, end-to-end encryption (the shield, who
// sees your media, the confirm before a switch that ends it), the star and the hybrid setting
// with its cost and picture, the ring, the lobby (the newcomer waiting and the host's list), and
// six people (one on a phone) whose Automatic room went star.
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
const WAIT_MS = 300_000;
/** How many times a shot waits out a toast that came while its videos caught up. */
const SETTLE_ATTEMPTS = 4;
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

/** Numbers each wait, so its marks on the video elements are its own. */
let waitSeq = 0;

/**
 * Waits until the page shows `tiles` tiles and every remote video has decoded `frames` more than
 * when this wait first saw it. The count is kept on each element, so a tile whose video element
 * was made anew (its person reconnected on a loaded machine) counts from its own start.
 */
async function waitForVideos(page, tiles, frames = 10) {
  waitSeq += 1;
  const stamp = `since${waitSeq}`;
  await page.waitForFunction(
    ({ stamp, tiles, frames }) => {
      const videos = [...document.querySelectorAll('figure[data-origin] video')];
      if (videos.length !== tiles) return false;
      return videos
        .filter((v) => !v.muted)
        .every((v) => {
          const count = v.getVideoPlaybackQuality().totalVideoFrames;
          if (v.dataset[stamp] === undefined) v.dataset[stamp] = String(count);
          return v.readyState >= 2 && count >= Number(v.dataset[stamp]) + frames;
        });
    },
    { stamp, tiles, frames },
    { timeout: WAIT_MS, polling: 250 },
  );
}
/**
 * Saves the page as docs/screenshots/<file> once its videos play; by default also once no toast
 * shows (`toasts: true` keeps them: the picture is of one). Nothing is hovered.
 */
async function shoot(page, file, { tiles = PEOPLE.length, toasts = false } = {}) {
  const size = page.viewportSize() ?? VIEWPORT;
  await page.mouse.move(size.width - 2, size.height - 2);
  // A loaded machine may show a toast (someone's link recovering) while the videos catch up:
  // wait it out a few times, then give up rather than shoot an unsettled call.
  for (let attempt = 1; ; attempt++) {
    if (!toasts) await page.locator('.toast').first().waitFor({ state: 'detached' });
    if (tiles > 0) await waitForVideos(page, tiles, 5);
    if (toasts || (await page.locator('.toast').count()) === 0) break;
    if (attempt === SETTLE_ATTEMPTS) {
      throw new Error(`${file}: toasts keep coming (the call is not settled)`);
    }
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
async function switchTo(pages, label, tiles = PEOPLE.length) {
  const [ana] = pages;
  await ana.getByRole('button', { name: 'Settings' }).click();
  await ana.getByRole('radio', { name: label }).check();
  await ana.getByRole('button', { name: 'Close settings' }).click();
  for (const page of pages) {
    await page.getByText(new RegExp(`^Topology: ${label}`)).waitFor();
    await waitForVideos(page, tiles);
  }
}

/** Ana opens the settings; `then` runs in them; Escape closes them (in any language). */
async function inSettings(page, then) {
  await page.getByRole('button', { name: /^(Settings|设置)$/ }).click();
  await page.getByRole('dialog').first().waitFor();
  await then(page.getByRole('dialog').first());
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
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

async function main() {
  isolate();
  checkFonts();
  await mkdir(shotsDir, { recursive: true });
  const { baseUrl, child } = await startSignal();
  const browser = await launchChromium();
  try {
    const pages = [];
    for (const name of PEOPLE) pages.push(await joinAs(browser, baseUrl, name));
    console.log(`screenshots: ${PEOPLE.join(', ')} joined`);
    for (const page of pages) await waitForVideos(page, PEOPLE.length);
    console.log('screenshots: every page plays every video');
    const [ana, bo, cy, di] = pages;

    // A new room is Automatic: four people run a full mesh, and the header says why.
    await openPeople(bo);
    await bo.getByText(/^Topology: Automatic · Mesh: 4 people/).waitFor();
    await bo.getByRole('img', { name: 'Full mesh topology of 4 peers' }).waitFor();
    await shoot(bo, 'call-mesh.png');

    // The settings: the topology picker, each choice with what it would cost Ana.
    await ana.getByRole('button', { name: 'Settings' }).click();
    await ana.getByRole('dialog', { name: 'Settings' }).waitFor();
    await ana.locator('[data-auto-pick]').waitFor();
    await shoot(ana, 'settings-topology.png');
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
    // A reaction floats for four seconds: shot at once (the videos played a moment ago).
    await shoot(ana, 'hands-reaction.png', { toasts: true, tiles: 0 });
    for (const page of [cy, di]) await page.getByRole('button', { name: 'Lower hand' }).click();

    // Bo switches his page to Simplified Chinese, call running, then back.
    await inSettings(bo, (d) => d.getByLabel('Language').selectOption('zh-CN'));
    await bo.getByText(/^拓扑：自动 · 网状：4 人/).waitFor();
    await shoot(bo, 'call-zh.png');
    await inSettings(bo, (d) => d.getByLabel('语言').selectOption('en'));
    await bo.getByText(/^Topology: Automatic/).waitFor();

    // End-to-end encryption: Ana turns it on; every page's shield says so, and the people
    // panel says who decodes your video.
    await inSettings(ana, (d) =>
      d.getByRole('checkbox', { name: 'End-to-end encryption' }).check(),
    );
    for (const page of pages) await page.locator('[data-e2ee="encrypted"]').waitFor();
    await openPeople(cy);
    await cy.getByRole('region', { name: 'Who sees your media' }).first().waitFor();
    await shoot(cy, 'e2ee-mesh.png');
    // A star through a browser would end it: Ana is asked first, and switches anyway.
    await ana.getByRole('button', { name: 'Settings' }).click();
    // The radio stays on Automatic until the switch is confirmed: a click, not check().
    await ana.getByRole('radio', { name: 'Star' }).click();
    const confirm = ana.getByRole('alertdialog', { name: 'End end-to-end encryption?' });
    await confirm.scrollIntoViewIfNeeded();
    await shoot(ana, 'e2ee-confirm.png');
    await confirm.getByRole('button', { name: 'Switch anyway' }).click();
    await ana.getByRole('button', { name: 'Close settings' }).click();
    for (const page of pages) {
      await page.getByText(/^Topology: Star/).waitFor();
      await page.locator('[data-e2ee="relayed"]').waitFor();
      await waitForVideos(page, PEOPLE.length);
    }
    await cy
      .getByText(/^Your video is decoded by: /)
      .first()
      .waitFor();
    await shoot(cy, 'e2ee-star.png');
    await inSettings(ana, (d) =>
      d.getByRole('checkbox', { name: 'End-to-end encryption' }).uncheck(),
    );
    for (const page of pages) await page.locator('[data-e2ee]').waitFor({ state: 'detached' });

    // The star as Bo sees it.
    await bo.getByRole('img', { name: 'Star topology of 4 peers' }).waitFor();
    await shoot(bo, 'call-star.png');

    // Hybrid: audio direct to everyone while video keeps the star; the settings show what it
    // costs and the picture draws the audio-only links dotted.
    await ana.getByRole('button', { name: 'Settings' }).click();
    await ana.getByLabel('Audio: direct to everyone').check();
    await ana
      .getByRole('figure', { name: 'Cy', exact: true })
      .getByText(/^audio direct, video via /)
      .waitFor();
    const picture = ana.getByRole('dialog', { name: 'Settings' }).getByRole('img', {
      name: 'Star topology of 4 peers',
    });
    await picture.scrollIntoViewIfNeeded();
    await shoot(ana, 'settings-hybrid.png');
    await ana.getByLabel('Audio: direct to everyone').uncheck();
    await ana.getByRole('button', { name: 'Close settings' }).click();
    for (const page of pages) {
      await page
        .getByText(/audio direct/)
        .first()
        .waitFor({ state: 'detached' });
    }

    await switchTo(pages, 'Ring');
    await bo.getByRole('img', { name: 'Ring topology of 4 peers' }).waitFor();
    await shoot(bo, 'call-ring.png');

    // The lobby: Ana turns it on; Eve asks to join and waits; Ana sees her in the list.
    await inSettings(ana, (d) => d.getByRole('checkbox', { name: /^Lobby/ }).check());
    const eve = await joinAs(browser, baseUrl, 'Eve');
    await eve.getByRole('heading', { name: 'Waiting for the host to let you in' }).waitFor();
    await shoot(eve, 'lobby-waiting.png', { tiles: 0 });
    await openPeople(ana);
    await ana.getByRole('list', { name: 'Waiting to join' }).getByText('Eve').waitFor();
    await ana.locator('.toast').filter({ hasText: 'Eve is asking to join' }).waitFor();
    await shoot(ana, 'lobby-host.png', { toasts: true });
    await ana.getByRole('button', { name: 'Let Eve in' }).click();
    await eve.getByRole('figure', { name: 'Ana', exact: true }).waitFor();
    await inSettings(ana, (d) => d.getByRole('checkbox', { name: /^Lobby/ }).uncheck());
    const five = [...pages, eve];

    // Back to Automatic; Fay joins from a phone, six people: the room goes star and says why.
    await switchTo(five, 'Automatic', five.length);
    const fay = await joinAs(browser, baseUrl, 'Fay', PHONE);
    const six = [...five, fay];
    for (const page of six) {
      await page.getByText(/^Topology: Automatic · Star: 6 people/).waitFor();
      await waitForVideos(page, six.length);
    }
    await ana.getByRole('img', { name: 'Star topology of 6 peers' }).waitFor();
    await shoot(ana, 'auto-star.png', { tiles: six.length });
    await shoot(fay, 'phone.png', { tiles: six.length });

    // Ana records; Bo sees the red dot and who records.
    await ana.getByRole('button', { name: 'Record' }).click();
    await bo.locator('.recording-indicator', { hasText: 'Recording · Ana' }).waitFor();
    await shoot(bo, 'recording.png', { tiles: six.length });
    await ana.getByRole('button', { name: 'Stop recording' }).click();
    await bo.locator('.recording-indicator').waitFor({ state: 'detached' });
  } finally {
    await browser.close();
    child.kill('SIGTERM');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
