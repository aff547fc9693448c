import { ERROR_MESSAGES, type ErrorCode, type Failure, type Result } from '@meshwork/protocol';
import type { Logger } from '../logger';

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

/** How one event is handled. */
export interface HandlerSpec<T, R extends object> {
  event: string;
  /** The payload schema; absent for events that carry only an ack. */
  schema?: Parser<T>;
  /** Picks a more precise code for a payload the schema refused. */
  classify?: (raw: unknown, issues: readonly Issue[]) => ErrorCode;
  run: (payload: T, after: After) => Result<R> | Promise<Result<R>>;
}

/** What every handler reports to the server. */
export interface HandlerContext {
  logger: Logger;
  /** A failure was answered (for metrics). */
  rejected(code: ErrorCode): void;
  /** The client sent no ack callback, so it cannot be answered through one. */
  missingAck(event: string): void;
}

type Ack = (res: unknown) => void;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Wraps one event handler: checks the ack is a function, parses the payload once with its
 * schema, runs the handler, and answers every failure (including a thrown error) with a coded
 * result. Nothing a client sends can throw out of here.
 */
export function guarded<T, R extends object>(
  ctx: HandlerContext,
  spec: HandlerSpec<T, R>,
): (...args: unknown[]) => void {
  const expectedArgs = spec.schema ? 2 : 1;
  return (...args) => {
    const ack = args[args.length - 1];
    if (typeof ack !== 'function') {
      ctx.missingAck(spec.event);
      return;
    }
    const deferred: Array<() => void> = [];
    let answered = false;
    const reply = (res: Result<R>) => {
      if (answered) return;
      answered = true;
      if (!res.ok) ctx.rejected(res.error);
      try {
        (ack as Ack)(res);
      } catch (err) {
        ctx.logger.warn({ err, event: spec.event }, 'ack failed');
      }
      for (const fn of deferred) {
        try {
          fn();
        } catch (err) {
          ctx.logger.error({ err, event: spec.event }, 'post-ack work failed');
        }
      }
    };
    const internal = (err: unknown) => {
      ctx.logger.error({ err, event: spec.event }, 'handler failed');
      reply(failure('ERR_INTERNAL'));
    };
    if (args.length !== expectedArgs) {
      reply(failure('ERR_BAD_REQUEST'));
      return;
    }
    let payload = undefined as T;
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
      Promise.resolve(spec.run(payload, (fn) => deferred.push(fn))).then(reply, internal);
    } catch (err) {
      internal(err);
    }
  };
}
