import { get, type IncomingMessage } from 'node:http';
import { FakeClock, until } from '@meshwork/kit';
import { describe, expect, it } from 'vitest';
import { joinOk, useTestStack } from '../testing/harness';
import { FEED_HEARTBEAT_MS, FEED_RETRY_MS } from './SseStream';

const stack = useTestStack();

/** A raw GET of the feed, collecting the text it streams. */
function rawFeed(url: string): Promise<{ res: IncomingMessage; text: () => string }> {
  return new Promise((resolve, reject) => {
    const req = get(url, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      resolve({ res, text: () => text });
    });
    req.on('error', reject);
  });
}

describe('[P20] the feed on the wire', () => {
  it('is an event stream with a retry hint, a snapshot and a ping every heartbeat of the clock', async () => {
    const clock = new FakeClock(1_000_000);
    const s = await stack.server({ clock });
    const member = await stack.peer(s);
    await joinOk(member, 'wire-room');
    const { res, text } = await rawFeed(`${s.url}/api/rooms/wire-room/events`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toBeDefined();
    await until(() => text().includes('event: snapshot'), { what: 'the snapshot' });
    expect(text()).toMatch(
      new RegExp(
        `^retry: ${FEED_RETRY_MS}\\n\\nid: [a-f0-9]+-0\\nevent: snapshot\\ndata: \\{.*\\}\\n\\n$`,
      ),
    );
    expect(text()).not.toContain(': ping');

    clock.advance(FEED_HEARTBEAT_MS - 1);
    clock.advance(1);
    await until(() => text().endsWith(': ping\n\n'), { what: 'a heartbeat' });
    clock.advance(FEED_HEARTBEAT_MS);
    await until(() => text().split(': ping').length === 3, { what: 'a second heartbeat' });

    res.destroy();
    await until(() => s.signal.feed.subscriptions === 0, { what: 'the watcher cleaned up' });
  });

  it('serves the dashboard page at /r/:room/watch', async () => {
    const s = await stack.server();
    const res = await fetch(`${s.url}/r/wire-room/watch`);
    // The app's page (or, when the web app is not built, the page that says so): never a 404.
    expect([200, 503]).toContain(res.status);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });
});
