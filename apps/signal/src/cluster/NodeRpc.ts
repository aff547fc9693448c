import { randomUUID } from 'node:crypto';
import type { Clock, Logger, TimerHandle } from '@meshwork/kit';
import { nodeInbox } from './keys';
import { type RedisLink, RedisUnavailable } from './RedisLink';

/** How long a forwarded request waits for the owner's answer. */
export const RPC_TIMEOUT_MS = 2_000;

/** A request forwarded to the node that owns a room. */
export interface RpcRequest {
  kind: 'request';
  id: string;
  from: string;
  op: string;
  roomId: string;
  args: unknown[];
}

interface RpcReply {
  kind: 'reply';
  id: string;
  /** The owner's answer; `moved` when it no longer runs the room. */
  result: unknown;
}

/** The owner did not answer in time (it may be dead: its lease will lapse). */
export class RpcTimeout extends Error {
  constructor(op: string, node: string) {
    super(`${node} did not answer ${op} in time`);
    this.name = 'RpcTimeout';
  }
}

/** Answers a forwarded request; `deliver` runs after the answer is published. */
export type RpcHandler = (req: RpcRequest) => Promise<{ result: unknown; after?: () => void }>;

interface Waiting {
  resolve(value: unknown): void;
  reject(err: Error): void;
  timer: TimerHandle;
}

/**
 * Request and answer between nodes over Redis pub/sub: each node listens on its own inbox
 * channel; a request names the caller's inbox for the answer. Messages are JSON of plain data.
 * Pub/sub delivers in order per publisher, so one socket's requests reach the owner in order.
 */
export class NodeRpc {
  readonly #waiting = new Map<string, Waiting>();

  constructor(
    private readonly redis: RedisLink,
    private readonly nodeId: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Starts listening on this node's inbox. */
  async listen(handler: RpcHandler): Promise<void> {
    await this.redis.subscriber.subscribe(nodeInbox(this.nodeId), (message: string) => {
      let parsed: RpcRequest | RpcReply;
      try {
        parsed = JSON.parse(message) as RpcRequest | RpcReply;
      } catch {
        this.logger.warn('unreadable cluster message');
        return;
      }
      if (parsed.kind === 'reply') this.#answered(parsed);
      else if (parsed.kind === 'request') void this.#serve(parsed, handler);
    });
  }

  /** Sends `op` for `roomId` to `node` and waits (bounded) for its answer. */
  call(node: string, op: string, roomId: string, args: unknown[]): Promise<unknown> {
    const id = randomUUID();
    const req: RpcRequest = { kind: 'request', id, from: this.nodeId, op, roomId, args };
    return new Promise((resolve, reject) => {
      const timer = this.clock.setTimeout(() => {
        this.#waiting.delete(id);
        reject(new RpcTimeout(op, node));
      }, RPC_TIMEOUT_MS);
      this.#waiting.set(id, { resolve, reject, timer });
      this.redis
        .run((c) => c.publish(nodeInbox(node), JSON.stringify(req)))
        .then(
          (receivers) => {
            // Nobody listens on that inbox: the node is gone, whatever its lease still says.
            if (receivers === 0) this.#fail(id, new RpcTimeout(op, node));
          },
          (err: unknown) => this.#fail(id, err instanceof Error ? err : new RedisUnavailable(err)),
        );
    });
  }

  /** Fails every waiting call (the node is closing). */
  close(): void {
    for (const id of [...this.#waiting.keys()]) this.#fail(id, new RedisUnavailable('closed'));
  }

  async #serve(req: RpcRequest, handler: RpcHandler): Promise<void> {
    let answer: Awaited<ReturnType<RpcHandler>>;
    try {
      answer = await handler(req);
    } catch (err) {
      this.logger.error('forwarded request failed', { err, op: req.op });
      answer = { result: { ok: false, error: 'ERR_INTERNAL', effects: [] } };
    }
    const reply: RpcReply = { kind: 'reply', id: req.id, result: answer.result };
    try {
      await this.redis.run((c) => c.publish(nodeInbox(req.from), JSON.stringify(reply)));
    } catch (err) {
      this.logger.warn('could not answer a forwarded request', { err, op: req.op });
    }
    answer.after?.();
  }

  #answered(reply: RpcReply): void {
    const waiting = this.#waiting.get(reply.id);
    if (!waiting) return;
    this.#waiting.delete(reply.id);
    this.clock.clearTimeout(waiting.timer);
    waiting.resolve(reply.result);
  }

  #fail(id: string, err: Error): void {
    const waiting = this.#waiting.get(id);
    if (!waiting) return;
    this.#waiting.delete(id);
    this.clock.clearTimeout(waiting.timer);
    waiting.reject(err);
  }
}
