import { type Clock, type Logger, withDeadline } from '@meshwork/kit';
import { createClient, type RedisClientType } from 'redis';

/** Longest one Redis command of the cluster may take before it counts as failed. */
export const REDIS_COMMAND_TIMEOUT_MS = 2_000;
/** Longest wait between reconnect attempts to Redis. */
export const REDIS_RECONNECT_MAX_MS = 1_000;

/** A Redis command that failed because Redis is unreachable or too slow. */
export class RedisUnavailable extends Error {
  constructor(cause?: unknown) {
    super('Redis is unreachable', { cause });
    this.name = 'RedisUnavailable';
  }
}

/** Whether this node reaches Redis now. */
export type RedisState = 'up' | 'down';

/**
 * The node's Redis connections: `commands` fails fast while Redis is away (no offline queue),
 * for leases and forwarding, which must not act late; `adapter` queues while Redis is away, so
 * the Socket.IO adapter's packets go out once it is back; `subscriber` receives forwarded
 * requests. Reachability is what the command connection says.
 */
export class RedisLink {
  readonly commands: RedisClientType;
  readonly adapter: RedisClientType;
  readonly subscriber: RedisClientType;
  readonly #clock: Clock;
  #closed = false;

  constructor(url: string, clock: Clock, logger: Logger) {
    const socket = {
      connectTimeout: REDIS_COMMAND_TIMEOUT_MS,
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, REDIS_RECONNECT_MAX_MS),
    };
    this.#clock = clock;
    this.commands = createClient({ url, socket, disableOfflineQueue: true }) as RedisClientType;
    this.adapter = createClient({ url, socket }) as RedisClientType;
    this.subscriber = createClient({ url, socket }) as RedisClientType;
    let lastError = '';
    for (const [name, client] of [
      ['commands', this.commands],
      ['adapter', this.adapter],
      ['subscriber', this.subscriber],
    ] as const) {
      // An `error` event without a listener would end the process; Redis going away is expected.
      client.on('error', (err: Error) => {
        if (err.message === lastError) return;
        lastError = err.message;
        logger.warn('redis connection error', { client: name, err: err.message });
      });
      client.on('ready', () => {
        lastError = '';
        logger.info('redis connection ready', { client: name });
      });
    }
  }

  /** Connects all three; resolves once each is ready (they retry on their own meanwhile). */
  async connect(): Promise<void> {
    await Promise.all([this.commands.connect(), this.adapter.connect(), this.subscriber.connect()]);
  }

  /** Whether commands reach Redis now. */
  get state(): RedisState {
    return this.commands.isReady && this.subscriber.isReady ? 'up' : 'down';
  }

  /** Runs one command, bounded; a dropped or slow Redis rejects with `RedisUnavailable`. */
  async run<T>(command: (client: RedisClientType) => Promise<T>): Promise<T> {
    if (!this.commands.isReady) throw new RedisUnavailable();
    try {
      return await withDeadline(
        command(this.commands),
        REDIS_COMMAND_TIMEOUT_MS,
        () => new RedisUnavailable('timed out'),
        this.#clock,
      );
    } catch (err) {
      throw err instanceof RedisUnavailable ? err : new RedisUnavailable(err);
    }
  }

  /** Closes every connection. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const client of [this.commands, this.adapter, this.subscriber]) {
      if (client.isOpen) client.destroy();
    }
  }
}
