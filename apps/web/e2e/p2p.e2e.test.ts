import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, screenshot, startStack } from './harness';

let stack: Stack;

/** Records every RTCPeerConnection the page makes, so the test can read its stats. */
function recordPeerConnections(): void {
  const Original = window.RTCPeerConnection;
  const made: RTCPeerConnection[] = [];
  (window as unknown as { e2ePcs: RTCPeerConnection[] }).e2ePcs = made;
  window.RTCPeerConnection = class extends Original {
    constructor(config?: RTCConfiguration) {
      super(config);
      made.push(this);
    }
  };
}

async function openP2p(): Promise<Page> {
  const context = await stack.browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(recordPeerConnections);
  await page.goto(`${stack.baseUrl}/p2p?quality=low`);
  await page.getByRole('heading', { name: 'Call without a server' }).waitFor();
  return page;
}

function yourCode(page: Page): Promise<string> {
  const box = page.getByRole('textbox', { name: 'Your code' });
  return box.inputValue();
}

async function useTheirCode(page: Page, code: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Their code' }).fill(code);
  await page.getByRole('button', { name: 'Use their code' }).click();
}

/** Waits until the page's connection decoded `more` video frames beyond what it had. */
async function waitForDecodedFrames(page: Page, more: number): Promise<number> {
  const read = () =>
    page.evaluate(async () => {
      const pcs = (window as unknown as { e2ePcs: RTCPeerConnection[] }).e2ePcs;
      let frames = 0;
      for (const pc of pcs) {
        const stats = await pc.getStats();
        stats.forEach((s) => {
          if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded ?? 0;
        });
      }
      return frames;
    });
  const first = await read();
  await expect.poll(read, { timeout: 30_000 }).toBeGreaterThanOrEqual(first + more);
  return read();
}

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack?.close();
});

describe('/p2p: a call without a signal server', () => {
  it('a malformed code shows what is wrong, and the page keeps working', async () => {
    const page = await openP2p();
    await useTheirCode(page, 'MW1.this-is-not-a-code');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('not a Meshwork call code');
    await useTheirCode(page, 'MW9.abc');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('another version');
    await expect(page.getByRole('button', { name: 'Start' }).isEnabled()).resolves.toBe(true);
    await page.context().close();
  });

  it('two pages call by copying codes with the signal app stopped: video both ways, chat', async () => {
    const alice = await openP2p();
    const bob = await openP2p();
    await stack.stopSignal();
    await expect(fetch(`${stack.baseUrl}/healthz`)).rejects.toThrow();
    // From here on nothing may ask the (gone) server for anything.
    const asked: string[] = [];
    for (const page of [alice, bob]) page.on('request', (req) => asked.push(req.url()));

    await alice.getByRole('button', { name: 'Start' }).click();
    await alice.getByRole('textbox', { name: 'Your code' }).waitFor();
    const offer = await yourCode(alice);
    expect(offer).toMatch(/^MW1\.[A-Za-z0-9_-]+$/);
    await useTheirCode(bob, offer);
    await bob.getByRole('textbox', { name: 'Your code' }).waitFor();
    const answer = await yourCode(bob);
    expect(answer).toMatch(/^MW1\.[A-Za-z0-9_-]+$/);
    expect(offer.length).toBeLessThan(600);
    expect(answer.length).toBeLessThan(600);
    await expect(alice.getByRole('img', { name: 'Your code as a QR code' }).count()).resolves.toBe(
      1,
    );
    await screenshot(alice, 'p2p-codes');
    await useTheirCode(alice, answer);

    const [aliceFrames, bobFrames] = await Promise.all([
      waitForDecodedFrames(alice, 20),
      waitForDecodedFrames(bob, 20),
    ]);
    expect(aliceFrames).toBeGreaterThanOrEqual(20);
    expect(bobFrames).toBeGreaterThanOrEqual(20);

    await alice.getByRole('textbox', { name: 'Message' }).fill('hello over the data channel');
    await alice.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => bob.getByRole('list', { name: 'Chat messages' }).textContent())
      .toContain('hello over the data channel');
    await bob.getByRole('textbox', { name: 'Message' }).fill('and back again');
    await bob.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => alice.getByRole('list', { name: 'Chat messages' }).textContent())
      .toContain('and back again');
    await screenshot(alice, 'p2p-call');
    expect(asked).toEqual([]);

    // Bob leaves (his page's pagehide closes the call): Alice's page says the call ended.
    await bob.goto('about:blank');
    await alice.getByText('The call ended.').waitFor({ timeout: 10_000 });
    process.stdout.write(`p2p code sizes: offer ${offer.length}, answer ${answer.length} chars\n`);
  });
});
