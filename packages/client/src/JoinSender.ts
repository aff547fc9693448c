import type { Logger } from '@meshwork/kit';
import type { Signer } from '@meshwork/mesh/runtime';
import type { ErrorCode, JoinOk, JoinRequest, MediaFlags } from '@meshwork/protocol';
import { joinRequest, judgeJoin } from './joinExchange';
import type { SessionKeys } from './SessionKeys';
import type { SignalConnection } from './SignalConnection';
import type { SignalRequests } from './SignalRequests';
import type { JoinOptions } from './types';

/** What a JoinSender reads of the session, and what it tells it. */
export interface JoinSenderContext {
  keys: SessionKeys;
  requests: SignalRequests;
  logger: Logger;
  /** What the person asked for and the media flags now, or null before `join()`. */
  wanted(): { options: JoinOptions; media: MediaFlags } | null;
  /** The resume fields of this attempt (none before the first join). */
  resumeFields(): Partial<JoinRequest>;
  closed(): boolean;
  joined(ok: JoinOk, signer: Signer): void;
  /** The room's lobby holds this connection until the host lets it in (SPEC [P25]). */
  waiting(): void;
  /** Refused for good (FATAL_JOIN_ERRORS), or no key could be made. */
  fatal(error: ErrorCode, message: string): void;
  /** Refused for now or unanswered: drop this connection and retry with backoff. */
  retry(error: ErrorCode | 'ERR_UNREACHABLE', message: string): void;
}

/**
 * Sends the join of each connection attempt as the session's one key pair (SPEC [P14]), once the
 * key exists, and hands the verdict back. An answer for an older attempt (`generation`) is stale
 * and ignored.
 */
export class JoinSender {
  readonly #ctx: JoinSenderContext;

  constructor(context: JoinSenderContext) {
    this.#ctx = context;
  }

  /** The connection is up: join on it. */
  send(connection: SignalConnection): void {
    const ctx = this.#ctx;
    if (ctx.closed()) return;
    const generation = connection.generation;
    ctx.keys.use(
      (signer) => generation === connection.generation && this.#sendAs(connection, signer),
      (err) => ctx.fatal('ERR_INTERNAL', `No signing key could be made: ${String(err)}`),
    );
  }

  #sendAs(connection: SignalConnection, signer: Signer): void {
    const ctx = this.#ctx;
    const wanted = ctx.wanted();
    if (ctx.closed() || !wanted) return;
    const generation = connection.generation;
    const req = joinRequest(wanted.options, wanted.media, signer.publicKey, ctx.resumeFields());
    ctx.requests.join(connection.socket, req, (outcome) => {
      if (generation !== connection.generation || ctx.closed()) return;
      const verdict = judgeJoin(outcome);
      if (verdict.kind === 'joined') {
        ctx.joined(verdict.ok, signer);
        return;
      }
      if (verdict.kind === 'waiting') {
        ctx.waiting();
        return;
      }
      if (verdict.kind === 'fatal') {
        ctx.fatal(verdict.error, verdict.message);
        return;
      }
      const why = verdict.kind === 'refused' ? 'join refused, retrying' : 'join not answered';
      ctx.logger.warn(why, { error: verdict.error, message: verdict.message });
      ctx.retry(verdict.error, verdict.message);
    });
  }
}
