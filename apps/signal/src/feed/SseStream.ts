import type { ServerResponse } from 'node:http';
import type { Clock, TimerHandle } from '@meshwork/kit';

/** How long a browser waits before reconnecting a dropped stream (the SSE `retry:` hint). */
export const FEED_RETRY_MS = 2_000;
/** A comment line goes out this often, so proxies and clients see an idle stream is alive. */
export const FEED_HEARTBEAT_MS = 15_000;
/** Bytes a slow reader may leave unread before its stream is dropped (it reconnects, replays). */
export const FEED_MAX_BUFFERED_BYTES = 1_048_576;

/**
 * One Server-Sent Events response: the headers and `retry:` hint at once, events as
 * `id:`/`event:`/`data:` blocks, and a `: ping` comment every FEED_HEARTBEAT_MS over the clock.
 * A reader that falls too far behind is dropped rather than buffered without bound.
 */
export class SseStream {
  private heartbeat: TimerHandle | null = null;
  private closed = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly clock: Clock,
  ) {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      // Nginx and similar proxies would otherwise hold events back.
      'x-accel-buffering': 'no',
    });
    this.write(`retry: ${FEED_RETRY_MS}\n\n`);
    this.schedule();
    res.on('close', () => this.close());
  }

  /** Sends one event; `data` is JSON, so it is one line and cannot start a field of its own. */
  send(id: string, event: string, data: unknown): void {
    this.write(`id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** Ends the response and stops the heartbeat. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.heartbeat !== null) this.clock.clearTimeout(this.heartbeat);
    this.heartbeat = null;
    if (!this.res.writableEnded) this.res.end();
  }

  /** Whether the stream has ended. */
  get isClosed(): boolean {
    return this.closed;
  }

  private schedule(): void {
    this.heartbeat = this.clock.setTimeout(() => {
      this.write(': ping\n\n');
      if (!this.closed) this.schedule();
    }, FEED_HEARTBEAT_MS);
  }

  private write(text: string): void {
    if (this.closed) return;
    if (this.res.writableLength > FEED_MAX_BUFFERED_BYTES) {
      this.res.destroy();
      this.close();
      return;
    }
    this.res.write(text);
  }
}
