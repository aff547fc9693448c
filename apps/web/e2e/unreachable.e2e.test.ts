import { afterAll, beforeAll, describe, it } from 'vitest';
import { joinCall } from './drivers/call';
import { playwrightBrowser } from './drivers/playwrightDriver';
import { openPanel, pick, seeText } from './drivers/tools';
import { type Stack, startStack } from './harness';

/** A browser whose WebRTC refuses every description the far end sends (as an engine might). */
function refuseRemoteDescriptions(): void {
  RTCPeerConnection.prototype.setRemoteDescription = () =>
    Promise.reject(
      new DOMException(
        'Failed to parse SessionDescription. Failed to parse codecs correctly.',
        'OperationError',
      ),
    );
}

describe('a link that cannot be established', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("[M24] both tiles say they can't connect, and the picture draws the link failed", async () => {
    const chromium = playwrightBrowser(stack.browser);
    const ana = await chromium.newPage();
    await joinCall(ana, stack.baseUrl, 'e2e-unreachable', 'Ana');
    const bo = await chromium.newPage(refuseRemoteDescriptions);
    await joinCall(bo, stack.baseUrl, 'e2e-unreachable', 'Bo');
    // The refusing end knows at once; the other end hears it from the room's link table.
    await seeText(bo, "Can't connect to Ana's browser", 'Ana');
    await seeText(ana, "Can't connect to Bo's browser", 'Bo');
    await openPanel(ana, 'Participants', 'Close participants');
    await pick(ana, { role: 'any', name: 'Full mesh topology of 2 peers' });
    await ana.waitFor(
      () =>
        document
          .querySelector('svg line.edge-failed title')
          ?.textContent?.includes("can't connect"),
      undefined,
      30_000,
    );
  }, 120_000);
});
