import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { FakeClock } from '@meshwork/kit';
import { describe, expect, it } from 'vitest';
import { FEED_HEARTBEAT_MS, FEED_MAX_BUFFERED_BYTES, SseStream } from './SseStream';

/** The parts of a ServerResponse the stream uses, with a reader that reads nothing. */
class StuckResponse extends EventEmitter {
  written: string[] = [];
  writableLength = 0;
  writableEnded = false;
  destroyed = false;
  status = 0;
  writeHead(status: number) {
    this.status = status;
    return this;
  }
  write(text: string) {
    this.written.push(text);
    this.writableLength += Buffer.byteLength(text);
    return false;
  }
  end() {
    this.writableEnded = true;
  }
  destroy() {
    this.destroyed = true;
  }
}

describe('[P20] SseStream', () => {
  it('drops a reader that leaves too much unread instead of buffering without bound', () => {
    const clock = new FakeClock();
    const res = new StuckResponse();
    const stream = new SseStream(res as unknown as ServerResponse, clock);
    const big = 'x'.repeat(64 * 1024);
    let sent = 0;
    while (!stream.isClosed && sent < 1_000) {
      stream.send(String(sent), 'links', { big });
      sent += 1;
    }
    expect(stream.isClosed).toBe(true);
    expect(res.destroyed).toBe(true);
    expect(res.writableLength).toBeLessThan(FEED_MAX_BUFFERED_BYTES + 2 * big.length);
    // Closed: no more writes, no heartbeat left behind, and closing again changes nothing.
    const count = res.written.length;
    clock.advance(FEED_HEARTBEAT_MS * 3);
    stream.send('x', 'links', {});
    stream.close();
    expect(res.written.length).toBe(count);
  });

  it('stops its heartbeat when the client goes', () => {
    const clock = new FakeClock();
    const res = new StuckResponse();
    const stream = new SseStream(res as unknown as ServerResponse, clock);
    clock.advance(FEED_HEARTBEAT_MS);
    expect(res.written.at(-1)).toBe(': ping\n\n');
    res.emit('close');
    expect(stream.isClosed).toBe(true);
    const count = res.written.length;
    clock.advance(FEED_HEARTBEAT_MS * 2);
    expect(res.written.length).toBe(count);
  });
});
