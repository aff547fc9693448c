import { afterAll, beforeAll, describe, it } from 'vitest';
import { joinCall, seeEveryone, switchTopology } from './drivers/call';
import type { PageDriver } from './drivers/PageDriver';
import { playwrightBrowser } from './drivers/playwrightDriver';
import { pick, seeText } from './drivers/tools';
import { type Stack, startStack } from './harness';

const NAMES = ['Ana', 'Bo', 'Cy', 'Di'] as const;

/** A machine without a microphone: asking for one finds none, the camera still works. */
function noMicrophone(): void {
  const devices = navigator.mediaDevices;
  const original = devices.getUserMedia.bind(devices);
  devices.getUserMedia = (constraints) =>
    constraints?.audio
      ? Promise.reject(new DOMException('Requested device not found', 'NotFoundError'))
      : original(constraints);
}

// The case that made the one-round negotiation of fresh links revert: in a ring of peers that
// send video only (no microphone), 4- and 5-peer rings in Chromium never reached every origin.
// Any faster negotiation must keep this passing.
describe('a Chromium ring of video-only peers', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('[M2] four people without microphones in a ring: every page decodes every origin', async () => {
    const chromium = playwrightBrowser(stack.browser);
    const pages: PageDriver[] = [];
    for (const name of NAMES) {
      const page = await chromium.newPage(noMicrophone);
      await joinCall(page, stack.baseUrl, 'e2e-ring-video-only', name);
      pages.push(page);
    }
    // Nobody sends audio: Di's tile at Ana says her microphone is off.
    await pick(
      pages[0] as PageDriver,
      { role: 'any', name: 'Microphone off' },
      {
        role: 'figure',
        name: 'Di',
      },
    );
    await switchTopology(pages[0] as PageDriver, 'Ring');
    for (const [i, page] of pages.entries()) {
      await seeEveryone(
        page,
        NAMES.filter((_, j) => j !== i),
      );
    }
    // Ring Ana-Bo-Cy-Di: the opposite corner is two hops away.
    await seeText(pages[0] as PageDriver, '2 hops', 'Cy');
    await seeText(pages[1] as PageDriver, '2 hops', 'Di');
  }, 180_000);
});
