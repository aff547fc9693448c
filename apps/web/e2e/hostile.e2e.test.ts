import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinAs, type Stack, startStack } from './harness';

const ROOM = 'e2e-hostile-room';

/**
 * Makes the page keep every data channel the app opens, so the test can write raw messages on
 * them as a hostile peer would (the app itself has no hook for this).
 */
async function keepChannels(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const kept: RTCDataChannel[] = [];
    Object.assign(window, { __keptChannels: kept });
    const open = RTCPeerConnection.prototype.createDataChannel;
    RTCPeerConnection.prototype.createDataChannel = function (
      this: RTCPeerConnection,
      ...args: Parameters<typeof open>
    ) {
      const channel = open.apply(this, args);
      kept.push(channel);
      return channel;
    };
  });
}

/** Records every Content-Security-Policy violation the page reports (the app should make none). */
async function recordCspViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { __cspViolations: seen });
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
}

function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
}

/** Writes `messages` raw on every open channel of the page; resolves to how many channels. */
function sendRaw(page: Page, messages: readonly unknown[]): Promise<number> {
  return page.evaluate((messages) => {
    const kept = (window as unknown as { __keptChannels: RTCDataChannel[] }).__keptChannels;
    const open = kept.filter((c) => c.readyState === 'open');
    for (const channel of open) for (const m of messages) channel.send(JSON.stringify(m));
    return open.length;
  }, messages);
}

/** The origin id the page's tile for `name` carries. */
async function originOf(page: Page, name: string): Promise<string> {
  const origin = await page.getByRole('figure', { name, exact: true }).getAttribute('data-origin');
  if (!origin) throw new Error(`no tile for ${name}`);
  return origin;
}

describe('a hostile peer among three', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('[P14] a forged chat naming another origin and an out-of-range sentAt are never shown; the honest pages keep working', async () => {
    const ana = await joinAs(stack, ROOM, 'Ana', recordCspViolations);
    const bo = await joinAs(stack, ROOM, 'Bo', recordCspViolations);
    const cy = await joinAs(stack, ROOM, 'Cy', keepChannels);
    for (const page of [ana, bo, cy]) {
      await page.getByRole('figure', { name: 'Cy', exact: true }).waitFor();
    }
    for (const page of [ana, bo]) await page.getByRole('button', { name: 'Open chat' }).click();
    await cy.getByRole('button', { name: 'Open chat' }).click();

    const anaId = await originOf(cy, 'Ana');
    const cyId = await originOf(ana, 'Cy');
    const sig = 'A'.repeat(86);
    // Cy's channels to Ana and Bo are open.
    await expect.poll(() => sendRaw(cy, []), { timeout: 30_000 }).toBe(2);
    const sent = await sendRaw(cy, [
      // Claims to be Ana, with a signature Cy cannot make.
      { t: 'chat', origin: anaId, seq: 7, text: 'FORGED: Ana says hi', sentAt: Date.now(), sig },
      // Cy's own origin, with a time no Date can hold.
      { t: 'chat', origin: cyId, seq: 8, text: 'FORGED: far future', sentAt: 8.64e15 + 1, sig },
      // A time a Date holds, far outside the skew window.
      { t: 'chat', origin: cyId, seq: 9, text: 'FORGED: year 275760', sentAt: 8.64e15, sig },
    ]);
    expect(sent).toBe(2);
    // They did arrive: each honest page dropped them and said so (once, not once per message).
    for (const page of [ana, bo]) {
      await page
        .getByRole('status')
        .getByText('A message from Cy failed verification and was dropped')
        .waitFor();
    }

    // An honest message sent after them, on the same ordered channels, arrives everywhere.
    await cy.getByLabel('Message', { exact: true }).fill('honest hello from Cy');
    await cy.getByRole('button', { name: 'Send', exact: true }).click();
    for (const page of [ana, bo]) {
      await page.getByText('honest hello from Cy').waitFor();
      expect(await page.getByText(/FORGED/).count()).toBe(0);
      expect(await page.locator('[data-region-error]').count()).toBe(0);
    }
    // Ana and Bo still talk to each other.
    await ana.getByLabel('Message', { exact: true }).fill('Ana still here');
    await ana.getByRole('button', { name: 'Send', exact: true }).click();
    await bo.getByText('Ana still here').waitFor();
    expect(await bo.getByText(/FORGED/).count()).toBe(0);
    // [P19] The whole call ran under the signal app's CSP without tripping it.
    for (const page of [ana, bo]) expect(await cspViolations(page)).toEqual([]);
  });
});
