import type { Logger } from '@meshwork/kit';
import { ERROR_MESSAGES, type ErrorCode, type Failure, type Result } from '@meshwork/protocol';

/** One schema problem, as zod reports it. */
export interface Issue {
  code: string;
  path: PropertyKey[];
  origin?: string;
}

/** The part of a zod schema the wrapper uses. */
export interface Parser<T> {
  safeParse(
    value: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: readonly Issue[] } };
}

/** A coded failure with its readable message. */
export function failure(error: ErrorCode): Failure {
  return { ok: false, error, message: ERROR_MESSAGES[error] };
}

/** Oversized strings and arrays say "too large"; every other schema miss is a bad request. */
export function classifyIssues(issues: readonly Issue[]): ErrorCode {
  const tooBig = issues.some(
    (i) => i.code === 'too_big' && (i.origin === 'string' || i.origin === 'array'),
  );
  return tooBig ? 'ERR_PAYLOAD_TOO_LARGE' : 'ERR_BAD_REQUEST';
}

/** Work to do once the ack is on its way (delivering effects to other peers). */
export type After = (fn: () => void) => void;

/** How one event is handled; `C` is the connection the event arrived on. */
export interface HandlerSpec<C, T, R extends object> {
  event: string;
  /** The payload schema; absent for events that carry only an ack. */
  schema?: Parser<T>;
  /** Picks a more precise code for a payload the schema refused. */
  classify?: (raw: unknown, issues: readonly Issue[]) => ErrorCode;
  /**
   * The client may leave out the ack callback. A failure is then reported through
   * `HandlerContext.unanswered`, with the parsed payload when the schema accepted it.
   */
  ackOptional?: boolean;
  /** Synchronous handlers are answered at once; only a returned promise is awaited. */
  run: (payload: T, after: After, conn: C) => Result<R> | Promise<Result<R>>;
}

/** What every handler reports to the server; shared by all connections. */
export interface HandlerContext<C> {
  logger: Logger;
  /** A failure was answered (for metrics). */
  rejected(code: ErrorCode): void;
  /** The client sent no ack callback where one is required, so the event was not handled. */
  missingAck(conn: C, event: string): void;
  /**
   * An event whose ack is optional came without one and failed; `payload` is the parsed
   * request, absent when the payload itself was refused.
   */
  unanswered(conn: C, event: string, res: Failure, payload: unknown): void;
  /** Names the connection in logs. */
  describe(conn: C): string;
}

type Ack = (res: unknown) => void;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Whether a handler answered with a promise (only those are awaited). */
export function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * Wraps one event handler: checks the ack, parses the payload once with its schema, runs the
 * handler, and answers every failure (including a thrown error) with a coded result. Nothing a
 * client sends can throw out of here. The returned listener is shared by every connection:
 * Socket.IO calls it with the connection as `this`, so no closure is made per socket.
 */
export function guarded<C, T, R extends object>(
  ctx: HandlerContext<C>,
  spec: HandlerSpec<C, T, R>,
): (this: C, ...args: unknown[]) => void {
  const expectedArgs = spec.schema ? 1 : 0;
  return function handle(this: C, ...args: unknown[]): void {
    const last = args[args.length - 1];
    let ack: Ack | null = null;
    if (typeof last === 'function') {
      ack = last as Ack;
      args.pop();
    } else if (!spec.ackOptional) {
      ctx.missingAck(this, spec.event);
      return;
    }
    let payload = undefined as T;
    let deferred: Array<() => void> | null = null;
    let answered = false;
    const reply = (res: Result<R>) => {
      if (answered) return;
      answered = true;
      if (!res.ok) {
        ctx.rejected(res.error);
        if (ack === null) ctx.unanswered(this, spec.event, res, payload);
      }
      if (ack !== null) {
        try {
          ack(res);
        } catch (err) {
          ctx.logger.warn('ack failed', { err, event: spec.event, conn: ctx.describe(this) });
        }
      }
      if (deferred === null) return;
      for (const fn of deferred) {
        try {
          fn();
        } catch (err) {
          ctx.logger.error('post-ack work failed', {
            err,
            event: spec.event,
            conn: ctx.describe(this),
          });
        }
      }
    };
    const internal = (err: unknown) => {
      ctx.logger.error('handler failed', { err, event: spec.event, conn: ctx.describe(this) });
      reply(failure('ERR_INTERNAL'));
    };
    if (args.length !== expectedArgs) {
      reply(failure('ERR_BAD_REQUEST'));
      return;
    }
    if (spec.schema) {
      const raw = args[0];
      // Payloads are JSON objects; a binary attachment (a Buffer) would pass an all-optional schema.
      if (!isPlainObject(raw)) {
        reply(failure(spec.classify?.(raw, []) ?? 'ERR_BAD_REQUEST'));
        return;
      }
      const parsed = spec.schema.safeParse(raw);
      if (!parsed.success) {
        const issues = parsed.error.issues;
        reply(failure(spec.classify?.(raw, issues) ?? classifyIssues(issues)));
        return;
      }
      payload = parsed.data;
    }
    try {
      const res = spec.run(
        payload,
        (fn) => {
          deferred ??= [];
          deferred.push(fn);
        },
        this,
      );
      if (isPromise(res)) res.then(reply, internal);
      else reply(res);
    } catch (err) {
      internal(err);
    }
  };
}
