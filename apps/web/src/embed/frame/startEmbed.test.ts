import { describe, expect, it, vi } from 'vitest';
import { makeStore } from '../../test/render';
import { startEmbed } from './startEmbed';

const HOST = 'https://blog.example';

/** A framed window: its own location, a parent that records what is posted to it, a served list. */
function framedWindow(search: string, allowed = HOST) {
  const doc = document.implementation.createHTMLDocument('room');
  const meta = doc.createElement('meta');
  meta.name = 'meshwork-embed-origins';
  meta.content = allowed;
  doc.head.append(meta);
  const parent = { postMessage: vi.fn() };
  const target = new EventTarget();
  const win = Object.assign(target, {
    location: { pathname: '/r/team-room', search },
    parent,
    document: doc,
  });
  const deliver = (origin: string, source: unknown, port?: MessagePort) =>
    target.dispatchEvent(
      Object.assign(new Event('message'), {
        origin,
        source,
        data: { meshwork: 'connect', version: 1 },
        ports: port ? [port] : [],
      }),
    );
  return { win: win as unknown as Window, parent, deliver };
}

describe('[P21] the frame handshake', () => {
  it('says hello to the checked parent origin only, never to *', () => {
    const { store } = makeStore();
    const { win, parent } = framedWindow(`?embed=1&parent=${encodeURIComponent(HOST)}`);
    startEmbed(store, win);
    expect(parent.postMessage).toHaveBeenCalledExactlyOnceWith(
      { meshwork: 'hello', version: 1 },
      HOST,
    );
  });

  it('posts nothing when the claimed parent is not on the served list', () => {
    const { store } = makeStore();
    const { win, parent } = framedWindow(
      `?embed=1&parent=${encodeURIComponent('https://evil.example')}`,
    );
    startEmbed(store, win);
    const { win: unlisted, parent: p2 } = framedWindow(
      `?embed=1&parent=${encodeURIComponent(HOST)}`,
      '',
    );
    startEmbed(store, unlisted);
    expect(parent.postMessage).not.toHaveBeenCalled();
    expect(p2.postMessage).not.toHaveBeenCalled();
  });

  it('takes the port only from window.parent at the allowed origin', async () => {
    const { store } = makeStore();
    const { win, parent, deliver } = framedWindow(`?embed=1&parent=${encodeURIComponent(HOST)}`);
    startEmbed(store, win);
    const wrongOrigin = new MessageChannel();
    const wrongSource = new MessageChannel();
    const right = new MessageChannel();
    const seen: string[] = [];
    for (const [name, ch] of [
      ['origin', wrongOrigin],
      ['source', wrongSource],
      ['right', right],
    ] as const)
      ch.port1.onmessage = (e) => seen.push(`${name}:${(e.data as { name: string }).name}`);
    deliver('https://evil.example', parent, wrongOrigin.port2);
    deliver(HOST, {}, wrongSource.port2);
    deliver(HOST, parent, right.port2);
    await vi.waitFor(() => expect(seen).toContain('right:ready'));
    expect(seen.filter((s) => !s.startsWith('right:'))).toEqual([]);
    for (const ch of [wrongOrigin, wrongSource, right]) ch.port1.close();
  });
});
