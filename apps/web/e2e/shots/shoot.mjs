// Saving one README picture: once the call has settled, the page goes to docs/screenshots/ and,
// when pngquant is installed, is quantised in place (a call picture drops to about a third).
import { spawnSync } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { VIEWPORT, waitForVideos } from './call.mjs';

/** How many times a shot waits out a toast that came while its videos caught up. */
const SETTLE_ATTEMPTS = 4;

/** Whether pngquant is on the PATH (checked once). */
const hasPngquant =
  spawnSync('sh', ['-c', 'command -v pngquant'], { stdio: 'ignore' }).status === 0;

/** Says once that pictures are saved unquantised. */
export function warnIfNoPngquant() {
  if (!hasPngquant) {
    console.warn('screenshots: pngquant is missing (Debian: pngquant); PNGs are saved as they are');
  }
}

/** Quantises the PNG at `path` in place; keeps it when quantising would not make it smaller. */
function quantise(path) {
  if (!hasPngquant) return;
  // 98 is pngquant's "could not meet quality"; 99 is "--skip-if-larger": the file stays as it is.
  const { status, stderr } = spawnSync(
    'pngquant',
    ['--force', '--skip-if-larger', '--strip', '--quality=70-95', '--output', path, path],
    { encoding: 'utf8' },
  );
  if (status !== 0 && status !== 98 && status !== 99) {
    throw new Error(`pngquant failed on ${path} (${status}): ${stderr}`);
  }
}

/**
 * Saves `page` as `<dir>/<file>` once its `tiles` tiles play (0: no wait); by default also once no
 * toast shows (`toasts: true` keeps them: the picture is of one). Nothing is hovered.
 */
export async function shoot(page, dir, file, { tiles, toasts = false } = {}) {
  const size = page.viewportSize() ?? VIEWPORT;
  await page.mouse.move(size.width - 2, size.height - 2);
  if (typeof tiles !== 'number') throw new Error(`${file}: say how many tiles the picture shows`);
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
  const path = resolve(dir, file);
  await page.screenshot({ path });
  quantise(path);
  console.log(`screenshots: wrote ${file} (${(await stat(path)).size} bytes)`);
}
