import type { PageDriver } from './PageDriver';
import { fill, pick, press, SEE_TIMEOUT_MS } from './tools';

/** The three topologies as the settings name them. */
export type TopologyLabel = 'Full mesh' | 'Star' | 'Ring';

/** Opens the room's invite link, types the name, waits for the preview and joins. */
export async function joinCall(
  page: PageDriver,
  baseUrl: string,
  room: string,
  name: string,
  options: { microphone?: boolean } = {},
): Promise<void> {
  await page.goto(`${baseUrl}/r/${room}?quality=low`);
  await fill(page, 'Your name', name);
  await pick(page, { role: 'any', name: 'Your camera preview' });
  if (options.microphone === false) await press(page, 'Mute microphone');
  await press(page, 'Join');
  await page.waitFor(
    (name) =>
      [...document.querySelectorAll('figure')].some((f) => f.getAttribute('aria-label') === name),
    name,
    SEE_TIMEOUT_MS,
  );
}

/** Switches the room's topology from this page's settings. */
export async function switchTopology(page: PageDriver, topology: TopologyLabel): Promise<void> {
  await press(page, 'Settings');
  await page.click(await pick(page, { role: 'radio', name: topology }));
  await press(page, 'Close settings');
  await page.waitFor(
    (topology) => document.body.textContent?.includes(`Topology: ${topology}`) ?? false,
    topology,
    SEE_TIMEOUT_MS,
  );
}

/** Picks the star's hub by the person's name, from this page's settings. */
export async function chooseHub(page: PageDriver, name: string): Promise<void> {
  const id = await originOf(page, name);
  await press(page, 'Settings');
  await page.select(await pick(page, { role: 'select', name: 'Star hub' }), id);
  await press(page, 'Close settings');
}

/** The peer id of the person named `name`, from their tile. */
export async function originOf(page: PageDriver, name: string): Promise<string> {
  const id = await page.evaluate(
    (name) =>
      [...document.querySelectorAll('figure')]
        .find((f) => f.getAttribute('aria-label') === name)
        ?.getAttribute('data-origin') ?? null,
    name,
  );
  if (id === null) throw new Error(`no tile for ${name}`);
  return id;
}

/**
 * Samples every remote tile's current video frame (drawn small onto a canvas and hashed) and
 * returns, by tile name, how many times the picture changed since `reset`. A change means a new
 * decoded frame reached the element; it works the same in both engines (headless Firefox reports
 * no `totalVideoFrames` for a MediaStream and paints only some frames).
 */
function sampleChanges({
  names,
  reset,
  more,
}: {
  names: readonly string[];
  reset: boolean;
  /** Given: answer whether every tile changed that many times (a wait predicate). */
  more?: number;
}): Record<string, number> | boolean {
  type Seen = { hash: number; changes: number };
  const w = window as unknown as { e2eSeen?: Map<string, Seen>; e2eCanvas?: HTMLCanvasElement };
  if (reset || !w.e2eSeen) w.e2eSeen = new Map();
  w.e2eCanvas ??= Object.assign(document.createElement('canvas'), { width: 32, height: 18 });
  const ctx = w.e2eCanvas.getContext('2d', { willReadFrequently: true });
  const out: Record<string, number> = {};
  for (const video of document.querySelectorAll<HTMLVideoElement>('figure[data-origin] video')) {
    const name = video.closest('figure')?.getAttribute('aria-label') ?? '?';
    if (video.muted || !names.includes(name) || !ctx || video.videoWidth === 0) continue;
    ctx.drawImage(video, 0, 0, 32, 18);
    let hash = 0;
    for (const byte of ctx.getImageData(0, 0, 32, 18).data) hash = (hash * 31 + byte) | 0;
    const seen = w.e2eSeen.get(name);
    const changes = seen === undefined ? 0 : seen.changes + (seen.hash === hash ? 0 : 1);
    w.e2eSeen.set(name, { hash, changes });
    out[name] = changes;
  }
  if (more === undefined) return out;
  return names.every((name) => (out[name] ?? 0) >= more);
}

/**
 * Waits until this page shows a tile for each of `names` whose picture changed `more` times:
 * new frames decoded from every expected origin, whatever the route.
 */
export async function seeEveryone(
  page: PageDriver,
  names: readonly string[],
  more = 6,
): Promise<void> {
  await page.evaluate(sampleChanges, { names, reset: true });
  try {
    await page.waitFor(sampleChanges, { names, reset: false, more }, SEE_TIMEOUT_MS);
  } catch (error) {
    const changes = await page.evaluate(sampleChanges, { names, reset: false });
    const now = await page.evaluate(
      () =>
        [...document.querySelectorAll<HTMLVideoElement>('figure[data-origin] video')].map((v) => ({
          tile: v.closest('figure')?.getAttribute('aria-label'),
          size: `${v.videoWidth}x${v.videoHeight}`,
          paused: v.paused,
          readyState: v.readyState,
          text: v.closest('figure')?.textContent,
        })),
      undefined,
    );
    const who = await page.evaluate(
      () =>
        [...document.querySelectorAll('.tile-name')]
          .map((n) => n.textContent ?? '')
          .find((n) => n.endsWith('(you)')) ?? '?',
      undefined,
    );
    throw new Error(
      `${page.browser} page of ${who}: not every tile of ${names.join(', ')} changed ${more} times: ${JSON.stringify(changes)}, ${JSON.stringify(now)}`,
      { cause: error },
    );
  }
}

/**
 * Reads the sound of `name`'s tile back through Web Audio at this page and waits until it is
 * louder than silence: audio decoded at the receiver, not a flag.
 */
export async function hearAudio(page: PageDriver, name: string): Promise<void> {
  // A person's click on the tile: engines start an AudioContext only after a user gesture.
  await page.click(await pick(page, { role: 'figure', name }));
  await page.evaluate((name) => {
    const figure = [...document.querySelectorAll('figure')].find(
      (f) => f.getAttribute('aria-label') === name,
    );
    const stream = figure?.querySelector('video')?.srcObject as MediaStream | null | undefined;
    const track = stream?.getAudioTracks()[0];
    if (!track) throw new Error(`no audio track on ${name}'s tile`);
    const context = new AudioContext();
    void context.resume();
    // A script processor sees every sample (a short beep between two polls is not missed);
    // it runs only when connected onward, so it feeds a muted gain.
    const processor = context.createScriptProcessor(2048, 1, 1);
    let loudest = 0;
    processor.onaudioprocess = (event) => {
      const samples = event.inputBuffer.getChannelData(0);
      let sum = 0;
      for (const s of samples) sum += s * s;
      loudest = Math.max(loudest, Math.sqrt(sum / samples.length));
    };
    const mute = context.createGain();
    mute.gain.value = 0;
    context.createMediaStreamSource(new MediaStream([track])).connect(processor);
    processor.connect(mute).connect(context.destination);
    const meter = () => (context.state === 'running' ? loudest : -1);
    (window as unknown as { e2eAudio: Record<string, () => number> }).e2eAudio ??= {};
    (window as unknown as { e2eAudio: Record<string, () => number> }).e2eAudio[name] = meter;
  }, name);
  try {
    await page.waitFor(
      (name) => {
        const meters = (window as unknown as { e2eAudio: Record<string, () => number> }).e2eAudio;
        return (meters[name]?.() ?? 0) > 0.01;
      },
      name,
      SEE_TIMEOUT_MS,
    );
  } catch (error) {
    const loudest = await page.evaluate(
      (name) =>
        (window as unknown as { e2eAudio: Record<string, () => number> }).e2eAudio[name]?.(),
      name,
    );
    throw new Error(
      `${page.browser}: ${name}'s tile stayed silent (loudest RMS ${loudest}; -1: audio context not running)`,
      {
        cause: error,
      },
    );
  }
}
