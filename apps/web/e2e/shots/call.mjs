// A call for one README picture: people join a fresh room of the built app one after another,
// and helpers that act on what the pages show (the host, the people panel, the settings).
// Every wait is on something the page shows; nothing sleeps to order steps.

/** The size of the desktop pictures. */
export const VIEWPORT = { width: 1280, height: 800 };
/** A phone's screen. */
export const PHONE = { width: 390, height: 844 };
/** Bounds every wait on a page. */
export const WAIT_MS = 180_000;

/** Numbers each wait, so its marks on the video elements are its own. */
let waitSeq = 0;

/**
 * Waits until the page shows `tiles` tiles and every remote video has decoded `frames` more than
 * when this wait first saw it. The count is kept on each element, so a tile whose video element
 * was made anew (its person reconnected on a loaded machine) counts from its own start.
 */
export async function waitForVideos(page, tiles, frames = 10) {
  waitSeq += 1;
  const stamp = `since${waitSeq}`;
  const playing = page.waitForFunction(
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
  await playing.catch(async (error) => {
    const seen = await page
      .evaluate(() =>
        [...document.querySelectorAll('figure[data-origin]')].map((f) => {
          const v = f.querySelector('video');
          const state = v
            ? `ready ${v.readyState}, ${v.getVideoPlaybackQuality().totalVideoFrames} frames`
            : 'no video';
          return `${f.getAttribute('aria-label')}: ${state}`;
        }),
      )
      .catch(() => ['(the page is gone)']);
    throw new Error(`${tiles} playing tiles never showed; the page had ${seen.join('; ')}`, {
      cause: error,
    });
  });
}

/** A page in a context of its own (its own camera, storage and session), not yet on a room. */
export async function newPerson(browser, viewport = VIEWPORT) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  return page;
}

/**
 * Opens `room` as `name` on `page`, waits for the camera preview and joins. Unless `admitted` is
 * false (a lobby), waits until the page shows the call's controls.
 */
export async function joinAs(page, baseUrl, room, name, { admitted = true } = {}) {
  await page.goto(`${baseUrl}/r/${room}?quality=low`);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Your camera preview').waitFor();
  await page.getByRole('button', { name: 'Join' }).click();
  if (admitted) await page.getByRole('navigation', { name: 'Call controls' }).waitFor();
}

/**
 * A room: `join(name)` opens a page of one person, `joinAll(people)` joins `people` (names, or
 * `{ name, viewport }`) in order, so the first is normally the host, and waits until every page
 * plays everyone's video. `close()` closes every page it opened.
 */
export function createCall(browser, baseUrl, room) {
  const byName = new Map();
  return {
    room,
    byName,
    get pages() {
      return [...byName.values()];
    },
    page(name) {
      const page = byName.get(name);
      if (!page) throw new Error(`nobody called ${name} in ${room}`);
      return page;
    },
    async join(name, { viewport, admitted } = {}) {
      const page = await newPerson(browser, viewport);
      // Kept before joining, so a join that fails still leaves its page to look at.
      byName.set(name, page);
      await joinAs(page, baseUrl, room, name, { admitted });
      return page;
    },
    async joinAll(people) {
      for (const person of people) {
        const { name, viewport } = typeof person === 'string' ? { name: person } : person;
        await this.join(name, { viewport });
      }
      for (const page of this.pages) await waitForVideos(page, this.pages.length);
    },
    async close() {
      await Promise.all([...byName.values()].map((p) => p.context().close()));
      byName.clear();
    },
  };
}

/** Opens the participants panel on `page` unless it is open. */
export async function openPeople(page) {
  const open = page
    .getByRole('navigation', { name: 'Call controls' })
    .getByRole('button', { name: /^Participants/ });
  if (await open.count()) await open.click();
  await page.getByRole('list', { name: 'People in the room' }).waitFor();
}

/** Closes the participants panel on `page` if it is open. */
export async function closePeople(page) {
  const close = page
    .getByRole('navigation', { name: 'Call controls' })
    .getByRole('button', { name: 'Close participants' });
  if (await close.count()) await close.click();
  await page.getByRole('list', { name: 'People in the room' }).waitFor({ state: 'detached' });
}

/**
 * The page of the room's host, as the people panel of `observer` (by default the call's first
 * page) marks it. The host can change on a loaded machine (a host whose link dropped past its
 * grace hands over), so host-only steps ask right before they act.
 */
export async function hostOf(call, observer = call.pages[0]) {
  await openPeople(observer);
  const row = observer
    .getByRole('list', { name: 'People in the room' })
    .locator('li')
    .filter({ has: observer.locator('.role-badge') })
    .first();
  await row.waitFor();
  const name = (await row.locator('.person-name bdi').first().textContent())?.trim() ?? '';
  return call.page(name);
}

/** Opens the settings on `page`; `then` runs in the dialog; Escape closes it (in any language). */
export async function inSettings(page, then) {
  await openSettings(page);
  await then(page.getByRole('dialog').first());
  await closeSettings(page);
}

/** Opens the settings dialog on `page` (in any language). */
export async function openSettings(page) {
  await page.getByRole('button', { name: /^(Settings|设置)$/ }).click();
  await page.getByRole('dialog').first().waitFor();
}

/** Closes the settings dialog on `page` with Escape. */
export async function closeSettings(page) {
  // Its close button, not Escape: after a confirmation closes, focus is on no element of the dialog.
  await page.getByRole('button', { name: /^(Close settings|关闭设置)$/ }).click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
}

/**
 * The host switches the room to `label`; every page then says so and plays every video. Under
 * "Host only" only the host may; the host may always.
 */
export async function switchTo(call, label) {
  const host = await hostOf(call);
  await inSettings(host, (d) => d.getByRole('radio', { name: label }).check());
  for (const page of call.pages) {
    await page.getByText(new RegExp(`^Topology: ${label}`)).waitFor();
    await waitForVideos(page, call.pages.length);
  }
}
