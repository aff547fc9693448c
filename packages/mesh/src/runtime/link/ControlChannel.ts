import type { Logger } from '@meshwork/kit';
import { listen } from './listen';

/** Above this many buffered bytes, sends wait for `bufferedamountlow`. */
export const CHANNEL_HIGH_WATER_BYTES = 1024 * 1024;
/** `bufferedAmountLowThreshold`: sending resumes once the buffer drains below this. */
export const CHANNEL_LOW_WATER_BYTES = 256 * 1024;
/** Messages queued before the channel opens or while it drains; past this, sends are refused. */
export const CHANNEL_MAX_QUEUED = 4096;
/** Id of the negotiated control data channel on every link. */
export const CONTROL_CHANNEL_ID = 0;

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
  readonly #queue: Queued[] = [];
  readonly #disposers: Array<() => void>;
  #closed = false;
  #onMessage: (data: unknown) => void = () => {};
  #onOpen: () => void = () => {};

  /** Creates the link's control channel on `pc`: negotiated, ordered, id `CONTROL_CHANNEL_ID`. */
  static open(pc: RTCPeerConnection, logger: Logger): ControlChannel {
    const channel = pc.createDataChannel('meshwork', {
      negotiated: true,
      id: CONTROL_CHANNEL_ID,
      ordered: true,
    });
    return new ControlChannel(channel, logger);
  }

  readonly #channel: RTCDataChannel;
  readonly #logger: Logger;

  constructor(channel: RTCDataChannel, logger: Logger) {
    this.#channel = channel;
    this.#logger = logger;
    channel.bufferedAmountLowThreshold = CHANNEL_LOW_WATER_BYTES;
    this.#disposers = [
      listen(channel, 'open', () => {
        this.#flush();
        if (!this.#closed) this.#onOpen();
      }),
      listen(channel, 'bufferedamountlow', () => this.#flush()),
      listen(channel, 'close', () => this.close()),
      listen<MessageEvent>(channel, 'message', (event) => this.#onMessage(event.data)),
    ];
  }

  /** Whether the channel is open now. */
  get open(): boolean {
    return !this.#closed && this.#channel.readyState === 'open';
  }

  /** Sets the one handler of incoming messages (raw; the link parses them). */
  setMessageHandler(handler: (data: unknown) => void): void {
    this.#onMessage = handler;
  }

  /** Sets the one handler of the channel opening. */
  setOpenHandler(handler: () => void): void {
    this.#onOpen = handler;
  }

  /** Sends `text` in order; resolves true once handed to the channel, false if it closed first. */
  send(text: string): Promise<boolean> {
    if (this.#closed) return Promise.resolve(false);
    if (this.#queue.length >= CHANNEL_MAX_QUEUED) {
      this.#logger.warn('control channel queue full; message dropped');
      return Promise.resolve(false);
    }
    return new Promise((done) => {
      this.#queue.push({ text, done });
      this.#flush();
    });
  }

  /** Idempotent: refuses queued messages, stops listening and closes the channel. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const item of this.#queue.splice(0)) item.done(false);
    for (const dispose of this.#disposers.splice(0)) dispose();
    try {
      this.#channel.close();
    } catch (err) {
      this.#logger.debug('data channel close threw', { error: String(err) });
    }
  }

  #flush(): void {
    while (this.#queue.length > 0 && this.open) {
      if (this.#channel.bufferedAmount > CHANNEL_HIGH_WATER_BYTES) return;
      const item = this.#queue.shift();
      if (item === undefined) return;
      try {
        this.#channel.send(item.text);
        item.done(true);
      } catch (err) {
        this.#logger.warn('data channel send failed', { error: String(err) });
        item.done(false);
      }
    }
  }
}
