import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutRecording, recordingGap, type TileRect } from '../src/recording/layout';
import { LOW_RECORDING } from '../src/recording/quality';
import { joinAs, SCREENSHOT_DIR, type Stack, startStack, waitForFramesAdvancing } from './harness';

const ROOM = 'e2e-recording-room';

/** What the decoded recording shows at a few moments, per tile region. */
interface Decoded {
  duration: number;
  width: number;
  height: number;
  /**
   * Per sample time, per tile: how green the tile's picture area is on average (green minus the
   * larger of red and blue, 0..255). The test camera's picture is green; the page's background,
   * dark tiles and avatars are grey-blue, near 0.
   */
  green: number[][];
  /** The same measure of the canvas background beside the last row's centred tile. */
  background: number;
  /** The middle frame, as a PNG data URL (for a failure report). */
  still: string;
  /** Per tile: the largest mean absolute change of its pixels between two of the samples. */
  change: number[];
  framesPlayed: number;
  audioBytes: number;
}

/**
 * Decodes a recording in the page: a <video> plays the WebM, frames at a few times are drawn to
 * a canvas, and each tile's region (above its caption) is measured.
 */
function decodeInPage(
  page: Page,
  base64: string,
  rects: TileRect[],
  background: TileRect,
): Promise<Decoded> {
  return page.evaluate(
    async ({ base64, rects, background }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const video = document.createElement('video');
      video.muted = true;
      video.src = URL.createObjectURL(new Blob([bytes], { type: 'video/webm' }));
      await new Promise((resolve, reject) => {
        video.onloadedmetadata = resolve;
        video.onerror = () => reject(new Error(`cannot decode: ${video.error?.message}`));
      });
      const duration = video.duration;
      const canvas = document.createElement('canvas');
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      const ctx = canvas.getContext('2d', { willReadFrequently: true });
      if (!ctx) throw new Error('no 2d context');
      const seek = (t: number) =>
        new Promise<void>((resolve) => {
          video.onseeked = () => resolve();
          video.currentTime = t;
        });
      const regions = (): Uint8ClampedArray[] =>
        rects.map((r) => {
          // The picture above the caption, inset from the tile's edges.
          const x = Math.round(r.x + r.width * 0.1);
          const y = Math.round(r.y + r.height * 0.1);
          const w = Math.round(r.width * 0.8);
          const h = Math.round(r.height * 0.55);
          return ctx.getImageData(x, y, w, h).data;
        });
      const green = (d: Uint8ClampedArray) => {
        let sum = 0;
        for (let i = 0; i < d.length; i += 4) {
          sum += (d[i + 1] ?? 0) - Math.max(d[i] ?? 0, d[i + 2] ?? 0);
        }
        return sum / (d.length / 4);
      };
      const times = [0.4, duration / 2, Math.max(0.5, duration - 0.4)];
      const samples: Uint8ClampedArray[][] = [];
      let backgroundMean = 0;
      let still = '';
      for (const [i, t] of times.entries()) {
        await seek(t);
        ctx.drawImage(video, 0, 0);
        samples.push(regions());
        if (i === 1) {
          const b = background;
          backgroundMean = green(ctx.getImageData(b.x, b.y, b.width, b.height).data);
          still = canvas.toDataURL('image/png');
        }
      }
      const diff = (a: Uint8ClampedArray, b: Uint8ClampedArray) => {
        let sum = 0;
        for (let j = 0; j < a.length; j++) sum += Math.abs((a[j] ?? 0) - (b[j] ?? 0));
        return sum / a.length;
      };
      // The most a tile changed between any two samples: the test camera's moving shape is small
      // in its picture, and two samples may catch it in similar places.
      const change = (samples[0] ?? []).map((_, i) => {
        const at = samples.map((s) => s[i]).filter((d): d is Uint8ClampedArray => d !== undefined);
        let most = 0;
        for (const [p, a] of at.entries()) {
          for (const b of at.slice(p + 1)) most = Math.max(most, diff(a, b));
        }
        return most;
      });
      // Play it through, twice as fast, counting frames and sound decoded.
      await seek(0);
      video.playbackRate = 2;
      await video.play();
      await new Promise((resolve) => {
        video.onended = resolve;
      });
      const withAudio = video as HTMLVideoElement & { webkitAudioDecodedByteCount?: number };
      return {
        duration,
        width: video.videoWidth,
        height: video.videoHeight,
        green: samples.map((s) => s.map(green)),
        background: backgroundMean,
        still,
        change,
        framesPlayed: video.getVideoPlaybackQuality().totalVideoFrames,
        audioBytes: withAudio.webkitAudioDecodedByteCount ?? -1,
      };
    },
    { base64, rects, background },
  );
}

/**
 * Starts noting, four times a second, what `page` shows of each tile and its header: for a
 * failure report, since the recording shows what the page showed. Returns a reader of the notes.
 */
async function noteTiles(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const notes: string[] = [];
    const start = performance.now();
    const note = () => {
      const tiles = [...document.querySelectorAll('figure[data-origin]')].map((f) => {
        const v = f.querySelector('video');
        const stream = v?.srcObject as MediaStream | null | undefined;
        const tracks = stream
          ?.getVideoTracks()
          .map((t) => `${t.readyState}${t.muted ? '/muted' : ''}`);
        const overlay = f.querySelector('.tile-overlay')?.textContent ?? '';
        const route = f.querySelector('.tile-route')?.textContent ?? '';
        return `${f.getAttribute('aria-label')}[rs${v?.readyState} ${v?.videoWidth}px ${stream?.id.slice(0, 6)} ${tracks} ${route} ${overlay}]`;
      });
      const header = document.querySelector('.topology-status')?.textContent ?? '';
      notes.push(`${Math.round(performance.now() - start)}ms ${header} | ${tiles.join(' ')}`);
    };
    note();
    (window as unknown as { __tileNotes: string[] }).__tileNotes = notes;
    setInterval(note, 250);
  });
  return () => page.evaluate(() => (window as unknown as { __tileNotes: string[] }).__tileNotes);
}

/** The header's recording indicator text on `page` once it shows `text`. */
async function seesIndicator(page: Page, text: string): Promise<void> {
  await page.locator('.recording-indicator', { hasText: text }).waitFor({ timeout: 20_000 });
}

describe('local recording', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('[P29] one page records the call: everyone sees it, the file has every tile moving, sound and its duration', async () => {
    const ana = await joinAs(stack, ROOM, 'Ana');
    const bo = await joinAs(stack, ROOM, 'Bo');
    const cy = await joinAs(stack, ROOM, 'Cy');
    for (const page of [ana, bo, cy]) await waitForFramesAdvancing(page, 2);

    const notes = await noteTiles(ana);
    await ana.getByRole('button', { name: 'Record' }).click();
    await ana.getByRole('button', { name: 'Stop recording' }).waitFor();
    await seesIndicator(ana, 'Recording · you');
    for (const page of [bo, cy]) {
      await seesIndicator(page, 'Recording · Ana');
      // Announced for screen readers (and as a toast).
      await page
        .getByText(/Ana.? started recording/)
        .first()
        .waitFor();
    }
    // About three seconds of call: 45 more frames at the test camera's 15 fps.
    await waitForFramesAdvancing(ana, 2, 45);
    const [download] = await Promise.all([
      ana.waitForEvent('download'),
      ana.getByRole('button', { name: 'Stop recording' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^meshwork-e2e-recording-room-[\d-]+\.webm$/);
    const bytes = await readFile(await download.path());
    expect(bytes.length).toBeGreaterThan(20_000);
    // The indicator goes for everyone once the recording stopped.
    for (const page of [ana, bo, cy]) {
      await page.locator('.recording-indicator').waitFor({ state: 'detached', timeout: 20_000 });
    }

    const { width, height } = LOW_RECORDING;
    const rects = layoutRecording({ count: 3, width, height, gap: recordingGap(width) });
    // Two on top, Cy centred below: the canvas beside Cy's tile is background.
    const below = rects[2] as TileRect;
    const beside = { x: 4, y: below.y + 4, width: below.x - 8, height: below.height - 8 };
    const decoded = await decodeInPage(bo, bytes.toString('base64'), rects, beside);
    const { still, ...figures } = decoded;
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await writeFile(
      resolve(SCREENSHOT_DIR, 'recording-frame.png'),
      Buffer.from(still.split(',')[1] ?? '', 'base64'),
    ).catch(() => {});
    console.log('DECODED', JSON.stringify(figures));
    expect(decoded).toMatchObject({ width, height });
    // The duration is written into the file (MediaRecorder leaves it out), about 3 s of call.
    expect(decoded.duration).toBeGreaterThan(2);
    expect(decoded.duration).toBeLessThan(30);
    expect(decoded.framesPlayed).toBeGreaterThan(10);
    expect(decoded.audioBytes).toBeGreaterThan(0);
    // Every tile (Ana's own camera, Bo's and Cy's as received) shows a picture, not the dark
    // tile or the avatar, at every sample, and its picture moves over the recording.
    // On failure, what Ana's page showed of each tile while it recorded.
    const shown = `Ana's page while recording:\n${(await notes()).join('\n')}`;
    for (const sample of decoded.green) {
      for (const green of sample) expect(green, shown).toBeGreaterThan(50);
    }
    // A frozen tile redraws the same frame: no change at all.
    for (const change of decoded.change) expect(change, shown).toBeGreaterThan(0.5);
    // The measure tells a picture from the page's dark background.
    expect(decoded.background).toBeLessThan(10);
  });

  it('[P29] leaving while recording stops it, saves the file and takes the indicator down', async () => {
    const di = await joinAs(stack, `${ROOM}-leave`, 'Di');
    const ed = await joinAs(stack, `${ROOM}-leave`, 'Ed');
    await waitForFramesAdvancing(ed, 1);
    await ed.getByRole('button', { name: 'Record' }).click();
    await seesIndicator(di, 'Recording · Ed');
    await waitForFramesAdvancing(ed, 1, 15);
    const [download] = await Promise.all([
      ed.waitForEvent('download'),
      ed.getByRole('button', { name: 'Leave' }).click(),
    ]);
    expect((await readFile(await download.path())).length).toBeGreaterThan(5_000);
    await di.locator('.recording-indicator').waitFor({ state: 'detached', timeout: 20_000 });
  });
});
