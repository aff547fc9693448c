import { noopLogger } from '@meshwork/kit';
import { PlanReadyRequestSchema, type Result } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { fail } from '../registry/effects';
import type { Effect, Outcome } from '../registry/types';
import { defineRow, rowListener } from './eventRow';
import type { HandlerContext } from './handler';

interface Conn {
  id: string;
}
const CONN: Conn = { id: 'c1' };
const EFFECT: Effect = { type: 'disconnect', conn: 'c2' };

function harness() {
  const order: string[] = [];
  const ctx: HandlerContext<Conn> = {
    logger: noopLogger,
    rejected: (code) => order.push(`rejected ${code}`),
    missingAck: () => order.push('missing ack'),
    unanswered: () => order.push('unanswered'),
    describe: (conn) => conn.id,
  };
  const deliver = (effects: Effect[]) => order.push(`deliver ${effects.length}`);
  const ack = (res: Result) => order.push(`ack ${JSON.stringify(res)}`);
  return { order, ctx, deliver, ack };
}

describe('rowListener', () => {
  it('[P3] acks the reply, then delivers the effects, then runs settled', () => {
    const { order, ctx, deliver, ack } = harness();
    const row = defineRow({
      event: 'planReady',
      schema: PlanReadyRequestSchema,
      run: (req, conn: Conn): Outcome<{ version: number }> => {
        order.push(`run ${req.version} on ${conn.id}`);
        return { ok: true, effects: [EFFECT], version: req.version };
      },
      reply: (outcome) => ({ ok: true, version: outcome.version }),
      settled: (outcome) => order.push(`settled ${outcome.version}`),
    });
    rowListener(ctx, deliver, row).call(CONN, { version: 3 }, ack);
    expect(order).toEqual(['run 3 on c1', 'ack {"ok":true,"version":3}', 'deliver 1', 'settled 3']);
  });

  it('[P3][P13] answers a refused outcome with its code and delivers nothing', () => {
    const { order, ctx, deliver, ack } = harness();
    const row = defineRow({ event: 'leave', run: (_none, _conn: Conn) => fail('ERR_NOT_JOINED') });
    rowListener(ctx, deliver, row).call(CONN, ack);
    expect(order).toEqual([
      'rejected ERR_NOT_JOINED',
      expect.stringMatching(/^ack \{"ok":false,"error":"ERR_NOT_JOINED","message":".+"\}$/),
    ]);
  });

  it('waits for an asynchronous run and acks { ok: true } without a reply', async () => {
    const { order, ctx, deliver } = harness();
    const row = defineRow({
      event: 'leave',
      run: async (_none, _conn: Conn): Promise<Outcome> => ({ ok: true, effects: [] }),
    });
    const res = await new Promise<Result>((resolve) =>
      rowListener(ctx, deliver, row).call(CONN, resolve),
    );
    expect(res).toEqual({ ok: true });
    expect(order).toEqual(['deliver 0']);
  });
});
