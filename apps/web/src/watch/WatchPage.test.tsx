import type { FeedPeer } from '@meshwork/protocol';
import { act, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FeedEventSource } from './feedSource';
import { WATCH_RETRY_MS } from './feedSource';
import { WatchPage } from './WatchPage';

/** A stand-in EventSource the test drives by hand. */
class FakeSource implements FeedEventSource {
  readyState = 0;
  onopen: ((e: Event) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  closed = false;
  private readonly listeners = new Map<string, Array<(e: MessageEvent<string>) => void>>();

  constructor(readonly url: string) {}

  addEventListener(type: string, listener: (e: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
    this.readyState = 2;
  }

  open(): void {
    this.readyState = 1;
    act(() => this.onopen?.(new Event('open')));
  }

  emit(type: string, data: unknown): void {
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    act(() => {
      for (const l of this.listeners.get(type) ?? []) l(new MessageEvent(type, { data: text }));
    });
  }

  fail(state: number): void {
    this.readyState = state;
    act(() => this.onerror?.(new Event('error')));
  }
}

const ADA = 'ada-aaaa-1';
const BOB = 'bob-bbbb-2';
const person = (id: string, displayName: string, host = false): FeedPeer => ({
  id,
  displayName,
  media: { audio: true, video: false, screen: false },
  host,
  connected: true,
});

function mount() {
  const sources: FakeSource[] = [];
  const create = (url: string) => {
    const s = new FakeSource(url);
    sources.push(s);
    return s;
  };
  const view = render(<WatchPage roomId="brave-otter-42" createSource={create} />);
  const last = () => {
    const s = sources.at(-1);
    if (!s) throw new Error('no source');
    return s;
  };
  return { ...view, sources, last };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('WatchPage', () => {
  it('draws the room from the feed and follows joins, links and a topology switch', () => {
    const { container, last } = mount();
    expect(last().url).toBe('/api/rooms/brave-otter-42/events');
    last().open();
    last().emit('snapshot', {
      roomId: 'brave-otter-42',
      peers: [person(ADA, 'Ada', true)],
      topology: 'mesh',
      hub: null,
      planVersion: 1,
      links: [],
    });
    expect(screen.getByRole('status')).toHaveTextContent('Live');
    expect(container.querySelectorAll('[data-peer]')).toHaveLength(2); // node + list row
    const people = screen.getByRole('list', { name: 'People in the room' });
    expect(within(people).getByText('Ada')).toBeInTheDocument();
    expect(within(people).getByText(/host/)).toBeInTheDocument();

    last().emit('peer-joined', { peer: person(BOB, 'Bob') });
    last().emit('links', { links: [{ a: ADA, b: BOB, state: 'connected', rttMs: 12 }] });
    expect(within(people).getByText('Bob')).toBeInTheDocument();
    const edge = container.querySelector(`[data-link="${ADA}|${BOB}"]`);
    expect(edge).toHaveClass('edge-connected');

    last().emit('topology', { topology: 'star' });
    last().emit('plan', { version: 2, topology: 'star', hub: ADA });
    expect(screen.getByRole('img')).toHaveAccessibleName('Star topology of 2 peers');
    expect(screen.getByText('Plan version 2')).toBeInTheDocument();
    expect(container.querySelector(`g[data-peer="${ADA}"]`)).toHaveTextContent('(hub)');

    last().emit('peer-left', { peerId: BOB });
    expect(within(people).queryByText('Bob')).toBeNull();
  });

  it('ignores events that do not parse', () => {
    const { last } = mount();
    last().emit('peer-joined', { peer: person(BOB, 'Bob') }); // before any snapshot
    last().emit('snapshot', '{not json');
    last().emit('snapshot', { roomId: 'BAD ROOM' });
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByRole('status')).toHaveTextContent('Connecting');
  });

  it('keeps the picture while it reconnects, and opens a fresh stream after a refusal', () => {
    vi.useFakeTimers();
    const { sources, last } = mount();
    last().open();
    last().emit('snapshot', {
      roomId: 'brave-otter-42',
      peers: [person(ADA, 'Ada', true), person(BOB, 'Bob')],
      topology: 'ring',
      hub: null,
      planVersion: 3,
      links: [{ a: ADA, b: BOB, state: 'connected', rttMs: null }],
    });
    last().fail(0); // the browser retries by itself, with Last-Event-ID
    expect(screen.getByRole('status')).toHaveTextContent('Reconnecting');
    expect(screen.getByRole('img')).toHaveAccessibleName('Ring topology of 2 peers');
    expect(sources).toHaveLength(1);

    last().fail(2); // refused: a new source after the retry delay
    expect(screen.getByRole('status')).toHaveTextContent('Room not found');
    expect(screen.getByRole('img')).toBeInTheDocument();
    act(() => vi.advanceTimersByTime(WATCH_RETRY_MS));
    expect(sources).toHaveLength(2);
    expect(sources[0]?.closed).toBe(true);
    last().open();
    last().emit('peer-left', { peerId: BOB });
    expect(screen.getByRole('img')).toHaveAccessibleName('Ring topology of 1 peer');
  });
});
