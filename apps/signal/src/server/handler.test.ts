import { noopLogger } from '@meshwork/kit';
import { PlanReadyRequestSchema, type Result } from '@meshwork/protocol';
import { describe, expect, it, vi } from 'vitest';
import { failure, guarded, type HandlerContext } from './handler';

interface Conn {
  id: string;
}
const CONN: Conn = { id: 'c1' };

function context() {
  const rejected: string[] = [];
  const missing: string[] = [];
  const unanswered: Array<{ event: string; error: string; payload: unknown }> = [];
  const ctx: HandlerContext<Conn> = {
    logger: noopLogger,
    rejected: (code) => rejected.push(code),
    missingAck: (_conn, event) => missing.push(event),
    unanswered: (_conn, event, res, payload) =>
      unanswered.push({ event, error: res.error, payload }),
    describe: (conn) => conn.id,
  };
  return { ctx, rejected, missing, unanswered };
}

function acked(): { ack: (r: Result) => void; result: Promise<Result> } {
  let ack!: (r: Result) => void;
  const result = new Promise<Result>((resolve) => {
    ack = resolve;
  });
  return { ack, result };
}

describe('guarded', () => {
  it('parses once, runs, acks, then runs post-ack work', async () => {
    const { ctx } = context();
    const order: string[] = [];
    const handler = guarded(ctx, {
      event: 'planReady',
      schema: PlanReadyRequestSchema,
      run: (req, after) => {
        order.push(`run ${req.version}`);
        after(() => order.push('after'));
        return { ok: true };
      },
    });
    const { ack, result } = acked();
    handler.call(CONN, { version: 3 }, (r: Result) => {
      order.push('ack');
      ack(r);
    });
    expect(await result).toEqual({ ok: true });
    expect(order).toEqual(['run 3', 'ack', 'after']);
  });

  it('answers bad payloads, wrong arity and thrown errors with coded failures', async () => {
    const { ctx, rejected } = context();
    const run = vi.fn((): Result => {
      throw new Error('boom');
    });
    const handler = guarded(ctx, { event: 'planReady', schema: PlanReadyRequestSchema, run });
    const results = await Promise.all(
      [[{ version: 'x' }], [{ version: 1 }, 'extra'], [], [Buffer.from('x')], [{ version: 1 }]].map(
        (args) => {
          const { ack, result } = acked();
          handler.call(CONN, ...args, ack);
          return result;
        },
      ),
    );
    expect(results.map((r) => (r.ok ? 'ok' : r.error))).toEqual([
      'ERR_BAD_REQUEST',
      'ERR_BAD_REQUEST',
      'ERR_BAD_REQUEST',
      'ERR_BAD_REQUEST',
      'ERR_INTERNAL',
    ]);
    expect(results.every((r) => !r.ok && r.message.length > 0)).toBe(true);
    expect(run).toHaveBeenCalledTimes(1);
    expect(rejected).toHaveLength(5);
  });

  it('reports a missing ack instead of throwing', () => {
    const { ctx, missing } = context();
    const handler = guarded(ctx, {
      event: 'planReady',
      schema: PlanReadyRequestSchema,
      run: () => ({ ok: true }),
    });
    expect(() => handler.call(CONN, { version: 1 })).not.toThrow();
    expect(missing).toEqual(['planReady']);
  });

  it('turns a rejected promise into ERR_INTERNAL', async () => {
    const { ctx } = context();
    const handler = guarded(ctx, { event: 'leave', run: () => Promise.reject(new Error('late')) });
    const { ack, result } = acked();
    handler.call(CONN, ack);
    expect(await result).toMatchObject({ ok: false, error: 'ERR_INTERNAL' });
  });

  it('answers a synchronous handler before returning, with no promise in between', () => {
    const { ctx } = context();
    const handler = guarded(ctx, {
      event: 'planReady',
      schema: PlanReadyRequestSchema,
      run: (req, later, conn) => {
        later(() => undefined);
        return { ok: true, version: req.version, conn: conn.id };
      },
    });
    const acks: unknown[] = [];
    handler.call(CONN, { version: 4 }, (r: Result) => acks.push(r));
    expect(acks).toEqual([{ ok: true, version: 4, conn: 'c1' }]);
  });

  describe('with an optional ack', () => {
    function optional(run: () => Result) {
      const c = context();
      const spy = vi.fn(run);
      const handler = guarded(c.ctx, {
        event: 'signal',
        schema: PlanReadyRequestSchema,
        ackOptional: true,
        run: spy,
      });
      return { ...c, handler, run: spy };
    }

    it('runs without an ack and reports nothing on success', () => {
      const { handler, run, unanswered, missing } = optional(() => ({ ok: true }));
      handler.call(CONN, { version: 1 });
      expect(run).toHaveBeenCalledTimes(1);
      expect(unanswered).toEqual([]);
      expect(missing).toEqual([]);
    });

    it('still answers through an ack when one is given', () => {
      const { handler, unanswered } = optional(() => failure('ERR_NOT_LINKED'));
      const acks: Result[] = [];
      handler.call(CONN, { version: 1 }, (r: Result) => acks.push(r));
      expect(acks).toEqual([failure('ERR_NOT_LINKED')]);
      expect(unanswered).toEqual([]);
    });

    it('reports an ack-less failure with the parsed payload, or none when parsing failed', () => {
      const { handler, run, unanswered, rejected } = optional(() => failure('ERR_NOT_LINKED'));
      handler.call(CONN, { version: 2, extra: true });
      handler.call(CONN, { version: 'x' });
      handler.call(CONN);
      handler.call(CONN, { version: 1 }, 'extra');
      expect(run).toHaveBeenCalledTimes(1);
      expect(unanswered).toEqual([
        { event: 'signal', error: 'ERR_NOT_LINKED', payload: { version: 2 } },
        { event: 'signal', error: 'ERR_BAD_REQUEST', payload: undefined },
        { event: 'signal', error: 'ERR_BAD_REQUEST', payload: undefined },
        { event: 'signal', error: 'ERR_BAD_REQUEST', payload: undefined },
      ]);
      expect(rejected).toHaveLength(4);
    });

    it('turns a thrown error into an ack-less ERR_INTERNAL', () => {
      const { handler, unanswered } = optional(() => {
        throw new Error('boom');
      });
      handler.call(CONN, { version: 1 });
      expect(unanswered.map((u) => u.error)).toEqual(['ERR_INTERNAL']);
    });
  });
});
