import { FEED_EVENT_NAMES, type FeedEvent, parseFeedEvent } from '@meshwork/protocol';

/** The part of `EventSource` the dashboard uses, so tests can hand in a fake. */
export interface FeedEventSource {
  readonly readyState: number;
  onopen: ((e: Event) => void) | null;
  onerror: ((e: Event) => void) | null;
  addEventListener(type: string, listener: (e: MessageEvent<string>) => void): void;
  close(): void;
}

/** Makes an event source for a URL (`new EventSource(url)` in the browser). */
export type CreateFeedSource = (url: string) => FeedEventSource;

/** How the dashboard's stream is doing. */
export type FeedStatus = 'connecting' | 'live' | 'reconnecting' | 'unavailable';

/** A closed source (refused, or the server gone) is tried again after this long. */
export const WATCH_RETRY_MS = 5_000;

const CLOSED = 2;

/** What a running feed tells its owner. */
export interface FeedHandlers {
  event(e: FeedEvent): void;
  status(s: FeedStatus): void;
}

/**
 * Follows a room feed: parses every event (a bad one is dropped, never thrown), lets the
 * browser's EventSource reconnect with `Last-Event-ID` after a dropped stream, and opens a fresh
 * source WATCH_RETRY_MS after one the server refused or ended. Returns a disposer.
 */
export function followFeed(url: string, create: CreateFeedSource, on: FeedHandlers): () => void {
  let source: FeedEventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const open = () => {
    retry = null;
    if (stopped) return;
    const current = create(url);
    source = current;
    current.onopen = () => on.status('live');
    current.onerror = () => {
      if (current.readyState !== CLOSED) {
        on.status('reconnecting');
        return;
      }
      current.close();
      on.status('unavailable');
      if (!stopped) retry = setTimeout(open, WATCH_RETRY_MS);
    };
    for (const name of FEED_EVENT_NAMES) {
      current.addEventListener(name, (e) => {
        const parsed = typeof e.data === 'string' ? parseFeedEvent(name, e.data) : null;
        if (parsed !== null) on.event(parsed);
      });
    }
  };
  on.status('connecting');
  open();
  return () => {
    stopped = true;
    if (retry !== null) clearTimeout(retry);
    source?.close();
  };
}
