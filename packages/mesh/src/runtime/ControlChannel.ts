import type { Logger } from './types';

/** Above this many buffered bytes, sends wait for `bufferedamountlow`. */
export const CHANNEL_HIGH_WATER_BYTES = 1024 * 1024;
/** `bufferedAmountLowThreshold`: sending resumes once the buffer drains below this. */
export const CHANNEL_LOW_WATER_BYTES = 256 * 1024;
/** Messages queued before the channel opens or while it drains; past this, sends are refused. */
export const CHANNEL_MAX_QUEUED = 4096;

interface Queued {
  text: string;
  done: (sent: boolean) => void;
}

/**
 * The negotiated control data channel of one link (id 0, so neither side can glare on it).
 * Sends are queued until the channel opens and held back while its buffer is above the high
 * water mark, so a fast sender never floods a slow link.
 */
export class ControlChannel {
  private readonly queue: Queued[] = [];
  private closed = false;
  private onMessage: (data: unknown) => void = () => {};

  constructor(
    private readonly channel: RTCDataChannel,
    private readonly logger: Logger,
  ) {
    channel.bufferedAmountLowThreshold = CHANNEL_LOW_WATER_BYTES;
    channel.addEventListener('open', () => this.flush());
    channel.addEventListener('bufferedamountlow', () => this.flush());
    channel.addEventListener('close', () => this.close());
    channel.addEventListener('message', (event: MessageEvent) => this.onMessage(event.data));
  }

  /** Whether the channel is open now. */
  get open(): boolean {
    return !this.closed && this.channel.readyState === 'open';
  }

  /** Sets the one handler of incoming messages (raw; the link parses them). */
  setMessageHandler(handler: (data: unknown) => void): void {
    this.onMessage = handler;
  }

  /** Sends `text` in order; resolves true once handed to the channel, false if it closed first. */
  send(text: string): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if (this.queue.length >= CHANNEL_MAX_QUEUED) {
      this.logger.warn('control channel queue full; message dropped');
      return Promise.resolve(false);
    }
    return new Promise((done) => {
      this.queue.push({ text, done });
      this.flush();
    });
  }

  /** Idempotent: refuses queued messages and closes the channel. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const item of this.queue.splice(0)) item.done(false);
    try {
      this.channel.close();
    } catch (err) {
      this.logger.debug('data channel close threw', { error: String(err) });
    }
  }

  private flush(): void {
    while (this.queue.length > 0 && this.open) {
      if (this.channel.bufferedAmount > CHANNEL_HIGH_WATER_BYTES) return;
      const item = this.queue.shift();
      if (item === undefined) return;
      try {
        this.channel.send(item.text);
        item.done(true);
      } catch (err) {
        this.logger.warn('data channel send failed', { error: String(err) });
        item.done(false);
      }
    }
  }
}
