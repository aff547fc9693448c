import { until } from '@meshwork/kit';
import { FEED_EVENT_NAMES } from '@meshwork/protocol';
import { EventSource } from 'eventsource';

/** One message a test feed client received. */
export interface FeedMessage {
  id: string;
  event: string;
  data: unknown;
}

/** A real `eventsource` client of the room feed that records what it hears (tests only). */
export class FeedClient {
  readonly messages: FeedMessage[] = [];
  readonly source: EventSource;

  constructor(url: string, headers: Record<string, string> = {}) {
    this.source = new EventSource(url, {
      fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, ...headers } }),
    });
    for (const name of FEED_EVENT_NAMES) {
      this.source.addEventListener(name, (e) => {
        this.messages.push({ id: e.lastEventId, event: name, data: JSON.parse(e.data) });
      });
    }
  }

  /** Event names received so far, in order. */
  get names(): string[] {
    return this.messages.map((m) => m.event);
  }

  /** Waits until `count` messages have arrived. */
  async waitFor(count: number, what = `${count} feed messages`): Promise<FeedMessage[]> {
    await until(() => this.messages.length >= count, { what });
    return this.messages.slice(0, count);
  }

  /** Closes the client. */
  close(): void {
    this.source.close();
  }
}
