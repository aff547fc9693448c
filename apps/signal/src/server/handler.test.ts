import { PlanReadyRequestSchema, type Result } from '@meshwork/protocol';
import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../logger';
import { guarded, type HandlerContext } from './handler';

function context() {
  const rejected: string[] = [];
  const missing: string[] = [];
  const ctx: HandlerContext = {
    logger: silentLogger(),
    rejected: (code) => rejected.push(code),
    missingAck: (event) => missing.push(event),
  };
  return { ctx, rejected, missing };
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
    handler({ version: 3 }, (r: Result) => {
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
          handler(...args, ack);
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
    expect(() => handler({ version: 1 })).not.toThrow();
    expect(missing).toEqual(['planReady']);
  });

  it('turns a rejected promise into ERR_INTERNAL', async () => {
    const { ctx } = context();
    const handler = guarded(ctx, { event: 'leave', run: () => Promise.reject(new Error('late')) });
    const { ack, result } = acked();
    handler(ack);
    expect(await result).toMatchObject({ ok: false, error: 'ERR_INTERNAL' });
  });
});
