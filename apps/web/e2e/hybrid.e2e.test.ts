import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { joinAs, type Stack, screenshot, startStack, waitForFramesAdvancing } from './harness';
import { reportRoom } from './roomSnapshot';

const ROOM = 'e2e-hybrid-room';

/** Ticks or unticks "Audio: direct to everyone" after choosing `topology`, from the settings dialog. */
async function chooseHybrid(page: Page, topology: 'Star' | 'Ring', direct: boolean): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: topology }).check();
  await page.getByText(new RegExp(`^Topology: ${topology}`)).waitFor();
  // The box shows the room's setting: it turns once the server has taken the change.
  const box = page.getByLabel('Audio: direct to everyone');
  if ((await box.isChecked()) !== direct) await box.click();
  await expect.poll(() => box.isChecked(), { timeout: 30_000 }).toBe(direct);
  await page.getByRole('button', { name: 'Close settings' }).click();
}

/** Each tile's name and route line as the page shows them, for a failed test's report. */
function describeTiles(page: Page): Promise<string> {
  return page.evaluate(() =>
    [...document.querySelectorAll('figure[data-origin]')]
      .map((figure) => {
        const texts: string[] = [];
        const walk = document.createTreeWalker(figure, NodeFilter.SHOW_TEXT);
        for (let node = walk.nextNode(); node; node = walk.nextNode()) {
          const text = node.textContent?.trim();
          if (text) texts.push(text);
        }
        return `  ${texts.join(' | ')}`;
      })
      .join('\n'),
  );
}

/**
 * The loudest sample of each remote tile's audio track over about 300 ms, keyed by the tile's
 * origin, read from the decoded audio itself (MediaStreamTrackProcessor).
 */
function audioPeaks(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    type Processor = { readable: ReadableStream<AudioData> };
    const Ctor = (window as unknown as { MediaStreamTrackProcessor: new (o: object) => Processor })
      .MediaStreamTrackProcessor;
    const out: Record<string, number> = {};
    const tiles = [...document.querySelectorAll<HTMLVideoElement>('figure[data-origin] video')];
    await Promise.all(
      tiles
        .filter((v) => !v.muted)
        .map(async (video) => {
          const origin = video.closest('figure')?.getAttribute('data-origin') ?? '?';
          const track = (video.srcObject as MediaStream | null)?.getAudioTracks()[0];
          if (!track) return;
          const reader = new Ctor({ track: track.clone() }).readable.getReader();
          let peak = 0;
          const until = performance.now() + 300;
          while (performance.now() < until) {
            const { value } = await reader.read();
            if (!value) break;
            const samples = new Float32Array(value.numberOfFrames);
            value.copyTo(samples, { planeIndex: 0, format: 'f32-planar' });
            for (const s of samples) peak = Math.max(peak, Math.abs(s));
            value.close();
          }
          await reader.cancel();
          out[origin] = peak;
        }),
    );
    return out;
  });
}

describe('hybrid plan in the browser', () => {
  let stack: Stack;
  /** The room and people of the running test, reported if it fails. */
  let current: { room: string; people: Array<[string, Page]> } | null = null;

  /** Joins `names` to `room` in order, as the running test's people. */
  async function joinAll(room: string, names: readonly string[]): Promise<Page[]> {
    current = { room, people: [] };
    for (const name of names) current.people.push([name, await joinAs(stack, room, name)]);
    return current.people.map(([, page]) => page);
  }

  beforeAll(async () => {
    stack = await startStack();
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && current) {
      await reportRoom(stack.baseUrl, current.room);
      for (const [name, page] of current.people) {
        console.error(`${name}'s tiles:\n${await describeTiles(page).catch(String)}`);
      }
    }
    for (const [, page] of current?.people ?? []) {
      await page
        .context()
        .close()
        .catch(() => {});
    }
    current = null;
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('[P30] three people in hybrid star: frames and audio from every origin, audio direct and video via the hub', async () => {
    const pages = await joinAll(ROOM, ['Ana', 'Bo', 'Cy']);
    const [ana, bo, cy] = pages as [Page, Page, Page];
    for (const page of pages) await page.getByRole('figure', { name: 'Cy' }).waitFor();

    await chooseHybrid(cy, 'Star', true);
    // Ana joined first: she is the hub. Bo's video reaches Cy through her, his audio straight.
    await cy
      .getByRole('figure', { name: 'Bo' })
      .getByText('audio direct, video via Ana · 2 hops')
      .waitFor({ timeout: 60_000 });
    await bo
      .getByRole('figure', { name: 'Cy' })
      .getByText('audio direct, video via Ana · 2 hops')
      .waitFor({ timeout: 60_000 });
    expect(await ana.getByRole('figure', { name: 'Bo' }).getByText('direct').count()).toBe(1);
    for (const page of pages) {
      await waitForFramesAdvancing(page, 2);
      await expect
        .poll(
          async () => {
            const peaks = Object.values(await audioPeaks(page));
            return peaks.length === 2 && peaks.every((p) => p > 0.01);
          },
          { timeout: 30_000, interval: 500 },
        )
        .toBe(true);
    }
    // The picture draws the audio-only link between the two leaves dotted.
    const controls = cy.getByRole('navigation', { name: 'Call controls' });
    await controls.getByRole('button', { name: 'Participants' }).click();
    await cy.getByRole('img', { name: 'Star topology of 3 peers' }).waitFor();
    expect(await cy.locator('line.edge-audio').count()).toBe(1);
    expect(await cy.locator('line.edge').count()).toBe(3);
    await screenshot(cy, 'participants-hybrid-star');
    await controls.getByRole('button', { name: 'Close participants' }).click();

    // Back to audio along the star: the leaves' link goes, audio comes via the hub too.
    await chooseHybrid(ana, 'Star', false);
    await cy.getByRole('figure', { name: 'Bo' }).getByText('via Ana · 2 hops').waitFor({
      timeout: 60_000,
    });
    for (const page of pages) await waitForFramesAdvancing(page, 2);
  });

  it("[P30] four people leave the hybrid star for a ring and come back: the former hub's video is relayed on a link that carried audio only, and every tile keeps decoding", async () => {
    const room = `${ROOM}-ring`;
    const four = await joinAll(room, ['Ana', 'Bo', 'Cy', 'Di']);
    const [ana, bo, cy] = four as [Page, Page, Page, Page];
    for (const page of four) await page.getByRole('figure', { name: 'Di' }).waitFor();

    await chooseHybrid(bo, 'Star', true);
    // Ana joined first: she is the hub; Bo and Cy share a link that carries their audio only.
    await cy
      .getByRole('figure', { name: 'Bo' })
      .getByText('audio direct, video via Ana · 2 hops')
      .waitFor({ timeout: 60_000 });
    for (const page of four) await waitForFramesAdvancing(page, 3);

    // The ring Ana-Bo-Cy-Di: Ana's video reaches Cy through Bo, on the link that carried audio.
    await chooseHybrid(bo, 'Ring', false);
    await cy
      .getByRole('figure', { name: 'Ana' })
      .getByText(/^via Bo · 2 hops/)
      .waitFor({ timeout: 60_000 });
    for (const page of four) await waitForFramesAdvancing(page, 3);

    // And back to the hybrid star: every tile decodes again.
    await chooseHybrid(ana, 'Star', true);
    await cy
      .getByRole('figure', { name: 'Bo' })
      .getByText('audio direct, video via Ana · 2 hops')
      .waitFor({ timeout: 60_000 });
    for (const page of four) await waitForFramesAdvancing(page, 3);
  }, 240_000);
});
