// [P16] Plan churn and link-report churn with real socket.io clients against the real signal app.
import type { PeerPlan, PlanChangeResult, RoomLink } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { RTT_BROADCAST_MS } from '../registry/LinkReports';
import { SETTINGS_PLAN_INTERVAL_MS } from '../registry/PlanCycle';
import { joinOk, type Peer, useTestStack } from '../testing/harness';

const { server, peer } = useTestStack();

/** Answers every plan at once, as a hostile client (or a very fast one) would. */
function autoReady(p: Peer): void {
  p.socket.on('planPrepared', (plan) => {
    p.socket.emit('planReady', { version: plan.version }, () => {});
  });
}

describe('[P16] churn', () => {
  it('[P16] 200 topology toggles cost a bounded number of plans; the last wins and commits', async () => {
    // The default per-socket budget (300 burst) lets all 200 through: the registry must cope.
    const s = await server();
    const attacker = await peer(s);
    const victim = await peer(s);
    await joinOk(attacker, 'churn');
    await joinOk(victim, 'churn');
    autoReady(attacker);
    autoReady(victim);
    const started = Date.now();
    const acks: Array<Promise<PlanChangeResult>> = [];
    const topologies = ['star', 'ring', 'mesh'] as const;
    for (let i = 0; i < 200; i += 1) {
      acks.push(
        attacker.socket.emitWithAck('setTopology', { topology: topologies[i % 3] ?? 'mesh' }),
      );
    }
    const results = await Promise.all(acks);
    expect(results.every((r) => r.ok)).toBe(true);
    const last = results.at(-1);
    const version = last?.ok ? last.version : -1;
    await victim.events.waitFor<{ version: number }>('planCommitted', (e) => e.version === version);
    const elapsed = Date.now() - started;
    const plans = victim.events.all<PeerPlan>('planPrepared').filter((p) => p.version > 2);
    // One plan at once, then at most one per interval while the burst lasts.
    expect(plans.length).toBeLessThanOrEqual(2 + Math.ceil(elapsed / SETTINGS_PLAN_INTERVAL_MS));
    expect(plans.length).toBeLessThan(10);
    expect(plans.at(-1)).toMatchObject({ version, topology: topologies[199 % 3] });
  });

  it('[P16] link reports that change only the RTT are not rebroadcast each time', async () => {
    const s = await server();
    const a = await peer(s);
    const b = await peer(s);
    await joinOk(a, 'rtt');
    const rb = await joinOk(b, 'rtt');
    const first = await a.socket.emitWithAck('reportLinks', {
      links: [{ peer: rb.selfId, state: 'connected', rttMs: 10 }],
    });
    expect(first).toEqual({ ok: true });
    await b.events.waitFor<{ links: RoomLink[] }>('linksChanged', (e) =>
      e.links.some((l) => l.state === 'connected'),
    );
    const seen = b.events.all('linksChanged').length;
    const started = Date.now();
    for (let i = 0; i < 50; i += 1) {
      await a.socket.emitWithAck('reportLinks', {
        links: [{ peer: rb.selfId, state: 'connected', rttMs: 11 + i }],
      });
    }
    // A state change still goes out at once, carrying the latest RTT.
    await a.socket.emitWithAck('reportLinks', {
      links: [{ peer: rb.selfId, state: 'failed', rttMs: 99 }],
    });
    await b.events.waitFor<{ links: RoomLink[] }>('linksChanged', (e) =>
      e.links.some((l) => l.state === 'failed'),
    );
    const rttOnly = b.events.all('linksChanged').length - seen - 1;
    expect(rttOnly).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / RTT_BROADCAST_MS));
  });
});
