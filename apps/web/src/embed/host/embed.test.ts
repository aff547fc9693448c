import { afterEach, describe, expect, it, vi } from 'vitest';
import { embed, FRAME_ALLOW } from './embed';
import { EMBED_REQUEST_TIMEOUT_MS } from './MeshworkCall';

const APP = 'https://meet.example';

function setup() {
  const container = document.createElement('div');
  document.body.append(container);
  const call = embed(container, { room: 'team-room', name: 'Ann' }, APP);
  const iframe = container.querySelector('iframe');
  if (!iframe?.contentWindow) throw new Error('no iframe');
  const post = vi.spyOn(iframe.contentWindow, 'postMessage').mockImplementation(() => {});
  const hello = (
    origin: string,
    source: MessageEventSource | null,
    data: unknown = { meshwork: 'hello', version: 1 },
  ) => window.dispatchEvent(new MessageEvent('message', { origin, source, data }));
  return { call, iframe, post, hello, frameWindow: iframe.contentWindow };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('[P21] the host side of an embedded call', () => {
  it('adds the room page in embed mode with camera, microphone and screen allowed', () => {
    const { iframe } = setup();
    expect(iframe.allow).toBe(FRAME_ALLOW);
    const src = new URL(iframe.src);
    expect(src.origin).toBe(APP);
    expect(src.pathname).toBe('/r/team-room');
    expect(src.searchParams.get('embed')).toBe('1');
    expect(src.searchParams.get('parent')).toBe(window.location.origin);
    expect(src.searchParams.get('name')).toBe('Ann');
  });

  it('answers only a hello from the app origin and from its own iframe, never to *', () => {
    const { post, hello, frameWindow } = setup();
    hello('https://evil.example', frameWindow);
    hello(APP, window);
    hello(APP, null);
    hello(APP, frameWindow, { meshwork: 'hello', version: 99 });
    expect(post).not.toHaveBeenCalled();
    hello(APP, frameWindow);
    expect(post).toHaveBeenCalledTimes(1);
    const [message, target, transfer] = post.mock.calls[0] as unknown as [
      unknown,
      string,
      MessagePort[],
    ];
    expect(message).toEqual({ meshwork: 'connect', version: 1 });
    expect(target).toBe(APP);
    expect(transfer).toHaveLength(1);
  });

  it('sends queued commands and requests over the port, and resolves answers', async () => {
    const { call, post, hello, frameWindow } = setup();
    call.command('toggleAudio');
    const state = call.request('getState');
    const unknown = call.request('getSecrets');
    hello(APP, frameWindow);
    const port = (post.mock.calls[0] as unknown as [unknown, string, MessagePort[]])[2][0];
    if (!port) throw new Error('no port');
    const received: unknown[] = [];
    const joined = vi.fn();
    call.on('joined', joined);
    port.onmessage = (e) => {
      received.push(e.data);
      const msg = e.data as { type: string; id: number; name: string };
      if (msg.type !== 'request') return;
      if (msg.name === 'getState')
        port.postMessage({ type: 'response', id: msg.id, ok: true, result: { status: 'joined' } });
      else
        port.postMessage({
          type: 'response',
          id: msg.id,
          ok: false,
          error: { code: 'ERR_EMBED_UNKNOWN', message: 'No such embed command or request.' },
        });
      port.postMessage('garbage from a broken frame');
      port.postMessage({ type: 'event', name: 'joined', data: { roomId: 'team-room' } });
    };
    await expect(state).resolves.toEqual({ status: 'joined' });
    await expect(unknown).rejects.toMatchObject({ code: 'ERR_EMBED_UNKNOWN' });
    expect(received[0]).toEqual({ type: 'command', name: 'toggleAudio', args: [] });
    await vi.waitFor(() => expect(joined).toHaveBeenCalledWith({ roomId: 'team-room' }));
    port.close();
    call.destroy();
  });

  it('gives up on a request the frame never answers', async () => {
    vi.useFakeTimers();
    try {
      const { call } = setup();
      const pending = call.request('getState');
      vi.advanceTimersByTime(EMBED_REQUEST_TIMEOUT_MS);
      await expect(pending).rejects.toThrow(/ERR_EMBED_TIMEOUT/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('destroy removes the frame, rejects what is pending and is idempotent', async () => {
    const { call, iframe } = setup();
    const pending = call.request('getState');
    call.destroy();
    call.destroy();
    await expect(pending).rejects.toThrow(/ERR_EMBED_CLOSED/);
    expect(iframe.isConnected).toBe(false);
  });
});
