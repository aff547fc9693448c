import type { ClientToServerEvents, ErrorCode, Result } from '@meshwork/protocol';
import type { Effect, Outcome } from '../registry/types';
import {
  failure,
  guarded,
  type HandlerContext,
  type Issue,
  isPromise,
  type Parser,
} from './handler';

/** A registry call's success, without its effects (they are delivered, not acked). */
export type Success<O extends object> = Extract<Outcome<O>, { ok: true }>;

/**
 * One row of the server's event table: how a client event becomes a registry call and an ack.
 * The wrapper does the rest the same way for every event: a refused outcome is answered with
 * its code, a successful one with `reply`, and its effects are delivered once the ack is sent.
 */
export interface EventRow<C, T, O extends object> {
  event: keyof ClientToServerEvents;
  /** The payload schema; absent for events that carry only an ack. */
  schema?: Parser<T>;
  /** Picks a more precise code for a payload the schema refused. */
  classify?: (raw: unknown, issues: readonly Issue[]) => ErrorCode;
  /** The client may leave out the ack callback (see `HandlerSpec.ackOptional`). */
  ackOptional?: boolean;
  /** The registry call; only a returned promise is awaited. */
  run(payload: T, conn: C): Outcome<O> | Promise<Outcome<O>>;
  /** The success ack; `{ ok: true }` when absent. */
  reply?(outcome: Success<O>, conn: C): Result<object>;
  /** Runs after the effects were delivered (for metrics). */
  settled?(outcome: Success<O>, conn: C): void;
}

/** A row of any event, its payload and outcome types checked where it was defined. */
export type AnyEventRow<C> = EventRow<C, unknown, object>;

const OK = { ok: true } as const;

/** Checks a row's types against its schema and registry call, then lets it join the table. */
export function defineRow<C, T, O extends object, E extends keyof ClientToServerEvents>(
  row: EventRow<C, T, O> & { event: E },
): AnyEventRow<C> & { event: E } {
  return row as unknown as AnyEventRow<C> & { event: E };
}

/** The Socket.IO listener of one row, shared by every connection (see `guarded`). */
export function rowListener<C>(
  ctx: HandlerContext<C>,
  deliver: (effects: Effect[]) => void,
  row: AnyEventRow<C>,
): (this: C, ...args: unknown[]) => void {
  return guarded<C, unknown, object>(ctx, {
    event: row.event,
    ...(row.schema ? { schema: row.schema } : {}),
    ...(row.classify ? { classify: row.classify } : {}),
    ...(row.ackOptional ? { ackOptional: true } : {}),
    run: (payload, after, conn) => {
      const answer = (outcome: Outcome<object>): Result<object> => {
        if (!outcome.ok) return failure(outcome.error);
        after(() => {
          deliver(outcome.effects);
          row.settled?.(outcome, conn);
        });
        return row.reply ? row.reply(outcome, conn) : OK;
      };
      const outcome = row.run(payload, conn);
      return isPromise(outcome) ? outcome.then(answer) : answer(outcome);
    },
  });
}
