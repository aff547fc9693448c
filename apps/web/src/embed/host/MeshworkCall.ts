import { Emitter } from '@meshwork/kit';
import {
  type EmbedCommandName,
  type EmbedError,
  type EmbedEventName,
  EmbedFrameMessageSchema,
  type EmbedHostMessage,
  type EmbedRequestName,
} from '@meshwork/protocol';

/** A request the frame refused or could not answer; `code` is an `ERR_EMBED_*` code. */
export class EmbedRequestError extends Error {
  /** The embed error code. */
  readonly code: string;

  constructor(error: EmbedError) {
    super(`${error.code}: ${error.message}`);
    this.name = 'EmbedRequestError';
    this.code = error.code;
  }
}

type Events = { [E in EmbedEventName]: unknown };

/** How long a request waits for its answer (the frame may never load): then ERR_EMBED_TIMEOUT. */
export const EMBED_REQUEST_TIMEOUT_MS = 15_000;

/**
 * [P21] One embedded call as the host page drives it. Until the frame's port arrives, commands
 * and requests wait in order; after `destroy()` they are dropped and pending requests reject.
 */
export class MeshworkCall {
  readonly #events = new Emitter<Events>();
  readonly #pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  readonly #queue: EmbedHostMessage[] = [];
  #port: MessagePort | null = null;
  #nextId = 0;
  #closed = false;

  constructor(private readonly onDestroy: () => void) {}

  /** Subscribes to a call event (`ready`, `joined`, ...); returns a disposer. */
  on(event: EmbedEventName, listener: (data: unknown) => void): () => void {
    return this.#events.on(event, listener);
  }

  /** Sends a command; failures arrive as an `error` event. */
  command(name: EmbedCommandName | (string & {}), ...args: unknown[]): void {
    this.#send({ type: 'command', name, args });
  }

  /** Asks the frame for `getParticipants` or `getState`; rejects with an EmbedRequestError. */
  request(name: EmbedRequestName | (string & {})): Promise<unknown> {
    if (this.#closed) return Promise.reject(new Error('ERR_EMBED_CLOSED: the call was destroyed'));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`ERR_EMBED_TIMEOUT: no answer to ${name}`));
      }, EMBED_REQUEST_TIMEOUT_MS);
      this.#pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.#send({ type: 'request', id, name });
    });
  }

  /** Removes the frame and stops listening; idempotent. */
  destroy(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#port?.close();
    for (const { reject } of this.#pending.values()) reject(new Error('ERR_EMBED_CLOSED'));
    this.#pending.clear();
    this.#events.clear();
    this.onDestroy();
  }

  /** Takes the port the handshake made; everything goes over it from now on. */
  attach(port: MessagePort): void {
    if (this.#closed || this.#port) return;
    this.#port = port;
    port.onmessage = (event) => this.#receive(event.data);
    for (const msg of this.#queue.splice(0)) port.postMessage(msg);
  }

  #send(msg: EmbedHostMessage): void {
    if (this.#closed) return;
    if (this.#port) this.#port.postMessage(msg);
    else this.#queue.push(msg);
  }

  #receive(raw: unknown): void {
    const parsed = EmbedFrameMessageSchema.safeParse(raw);
    if (!parsed.success) return; // Only the frame holds the other end; nothing else to do.
    const msg = parsed.data;
    if (msg.type === 'event') {
      this.#events.emit(msg.name, msg.data);
      return;
    }
    const pending = this.#pending.get(msg.id);
    if (!pending) return;
    this.#pending.delete(msg.id);
    if (msg.ok) pending.resolve(msg.result);
    else pending.reject(new EmbedRequestError(msg.error));
  }
}
