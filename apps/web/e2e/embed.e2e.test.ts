import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinAs, type Stack, startStack, waitForFramesAdvancing } from './harness';

/** A page on another loopback origin that embeds a call with `/embed.js` and records everything. */
function hostPage(appUrl: string, room: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Host</title></head><body>
<div id="call" style="width:640px;height:420px"></div>
<script>window.events = []; window.messages = [];
window.addEventListener('message', (e) => window.messages.push(e.origin));
window.started = performance.now();</script>
<script src="${appUrl}/embed.js"></script>
<script>
window.call = Meshwork.embed(document.getElementById('call'), { room: ${JSON.stringify(room)}, name: 'Embedded Ann', quality: 'low' });
for (const name of ['ready','joined','participantJoined','participantLeft','topologyChanged','left','error'])
  window.call.on(name, (data) => window.events.push({ name, data, ms: performance.now() - window.started }));
</script></body></html>`;
}

async function listen(
  appUrl: () => string,
  room: string,
): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    if (req.url !== '/') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(hostPage(appUrl(), room));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, origin: `http://localhost:${(server.address() as AddressInfo).port}` };
}

const POLL = { timeout: 15_000 };
type Recorded = { name: string; data: unknown; ms: number };
const events = (page: Page) =>
  page.evaluate(() => (window as unknown as { events: Recorded[] }).events);
const waitForEvent = (page: Page, name: string) =>
  page.waitForFunction(
    (name) => (window as unknown as { events: Recorded[] }).events.some((e) => e.name === name),
    name,
    { timeout: 30_000 },
  );
const request = (page: Page, name: string) =>
  page.evaluate(
    (name) =>
      (window as unknown as { call: { request(n: string): Promise<unknown> } }).call
        .request(name)
        .then(
          (result) => ({ ok: true, result }),
          (error: { code?: string }) => ({ ok: false, code: error.code }),
        ),
    name,
  );
const command = (page: Page, name: string, ...args: unknown[]) =>
  page.evaluate(
    ({ name, args }) =>
      (window as unknown as { call: { command(n: string, ...a: unknown[]): void } }).call.command(
        name,
        ...args,
      ),
    { name, args },
  );

describe('[P21] embedding a call in another site', () => {
  const ROOM = 'e2e-embed-room';
  let stack: Stack;
  let allowed: { server: Server; origin: string };
  let unlisted: { server: Server; origin: string };

  beforeAll(async () => {
    const appUrl = () => stack.baseUrl;
    allowed = await listen(appUrl, ROOM);
    unlisted = await listen(appUrl, ROOM);
    stack = await startStack({ env: { EMBED_ORIGINS: allowed.origin } });
  });
  afterAll(async () => {
    await stack?.close();
    allowed?.server.close();
    unlisted?.server.close();
  });

  it('a listed origin embeds a call and drives it over the port', async () => {
    const context = await stack.browser.newContext();
    const host = await context.newPage();
    const crashes: string[] = [];
    host.on('pageerror', (error) => crashes.push(String(error)));
    await host.goto(`${allowed.origin}/`);
    await waitForEvent(host, 'ready');
    await waitForEvent(host, 'joined');
    const at = Object.fromEntries((await events(host)).map((e) => [e.name, Math.round(e.ms)]));
    console.info(`embed: ready after ${at.ready} ms, joined after ${at.joined} ms`);
    // The handshake came from the app's origin only, and everything after went over the port.
    expect(
      await host.evaluate(() => (window as unknown as { messages: string[] }).messages),
    ).toEqual([stack.baseUrl]);

    const state = await request(host, 'getState');
    expect(state).toMatchObject({
      ok: true,
      result: {
        status: 'joined',
        roomId: ROOM,
        audio: true,
        displayName: 'Embedded Ann',
        participants: 1,
      },
    });

    const bob = await joinAs(stack, ROOM, 'Bob');
    await waitForEvent(host, 'participantJoined');
    // Real media from inside the frame: Bob decodes the embedded person's fake camera.
    await waitForFramesAdvancing(bob, 1);
    expect((await events(host)).find((e) => e.name === 'participantJoined')?.data).toMatchObject({
      displayName: 'Bob',
    });
    const people = await request(host, 'getParticipants');
    expect(people).toMatchObject({ ok: true });
    expect((people as { result: { displayName: string; self: boolean }[] }).result).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ displayName: 'Embedded Ann', self: true }),
        expect.objectContaining({ displayName: 'Bob', self: false }),
      ]),
    );

    await command(host, 'toggleAudio');
    // The change went through the signal app: Bob's page shows Ann's microphone off.
    await bob
      .locator('figure', { hasText: 'Embedded Ann' })
      .getByRole('img', { name: 'Microphone off' })
      .waitFor({ timeout: 15_000 });
    const after = (await request(host, 'getParticipants')) as {
      result: { self: boolean; audio: boolean }[];
    };
    expect(after.result.find((p) => p.self)?.audio).toBe(false);
    await expect
      .poll(
        async () =>
          ((await request(host, 'getState')) as { result: { audio: boolean } }).result.audio,
        POLL,
      )
      .toBe(false);

    await command(host, 'setTopology', 'ring');
    await waitForEvent(host, 'topologyChanged');
    expect((await events(host)).find((e) => e.name === 'topologyChanged')?.data).toEqual({
      topology: 'ring',
    });
    expect(await request(host, 'getState')).toMatchObject({ result: { topology: 'ring' } });

    // Unknown and malformed messages get coded answers; the call carries on.
    expect(await request(host, 'getSecrets')).toEqual({ ok: false, code: 'ERR_EMBED_UNKNOWN' });
    await command(host, 'format');
    await command(host, 'setTopology', 'tree');
    await host.waitForFunction(
      () =>
        (window as unknown as { events: Recorded[] }).events.filter((e) => e.name === 'error')
          .length >= 2,
    );
    const errors = (await events(host))
      .filter((e) => e.name === 'error')
      .map((e) => (e.data as { code: string }).code);
    expect(errors).toEqual(['ERR_EMBED_UNKNOWN', 'ERR_EMBED_BAD_MESSAGE']);

    await bob.context().close();
    await waitForEvent(host, 'participantLeft');

    await command(host, 'hangup');
    await waitForEvent(host, 'left');
    expect(crashes).toEqual([]);
    await context.close();
  });

  it('an unlisted origin is refused: CSP frame-ancestors keeps the app out, and no handshake', async () => {
    const context = await stack.browser.newContext();
    const host = await context.newPage();
    await host.goto(`${unlisted.origin}/`);
    await host.waitForFunction(() => document.querySelector('iframe') !== null);
    const frame = host.frames().find((f) => f !== host.mainFrame());
    if (!frame) throw new Error('no iframe');
    await frame.waitForLoadState('load');
    expect(frame.url()).not.toContain('/r/');
    expect(await frame.locator('#root').count()).toBe(0);
    expect(
      await host.evaluate(() => (window as unknown as { messages: string[] }).messages),
    ).toEqual([]);
    expect(await events(host)).toEqual([]);
    await context.close();
  });
});
