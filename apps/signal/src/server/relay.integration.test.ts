import { type RelayedSignal, type SignalRejected, SignalRejectedSchema } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { joinOk, useTestStack } from '../testing/harness';

const { server, peer } = useTestStack();

const candidate = { type: 'candidate' as const, candidate: null };

describe('relay', () => {
  it('[P4] relays between linked peers and stamps the sender, ignoring a spoofed from', async () => {
    const s = await server();
    const a = await peer(s);
    const b = await peer(s);
    const ra = await joinOk(a, 'room');
    const rb = await joinOk(b, 'room');
    const epoch = rb.plan.links[0]?.epoch ?? -1;
    const spoofed = { to: rb.selfId, epoch, signal: candidate, from: 'someone-else-1234' };
    expect(await a.socket.emitWithAck('signal', spoofed)).toEqual({ ok: true });
    const got = await b.events.waitFor<RelayedSignal>('signal');
    expect(got).toEqual({ from: ra.selfId, epoch, signal: candidate });
    expect((await s.signal.metrics.signalsRelayed.get()).values[0]?.value).toBe(1);
  });

  it('[P4][P5] refuses peers that are not linked, in another room, or with a stale epoch, and delivers nothing', async () => {
    const s = await server();
    const [hub, leaf1, leaf2, outsider] = await Promise.all([peer(s), peer(s), peer(s), peer(s)]);
    const rh = await joinOk(hub, 'star-room');
    const r1 = await joinOk(leaf1, 'star-room');
    const r2 = await joinOk(leaf2, 'star-room');
    const ro = await joinOk(outsider, 'elsewhere');
    await hub.socket.emitWithAck('setTopology', { topology: 'star' });
    for (const p of [hub, leaf1, leaf2]) await p.socket.emitWithAck('planReady', { version: 4 });
    await leaf2.events.waitFor('planCommitted', (e: { version: number }) => e.version === 4);
    const notLinked = { ok: false, error: 'ERR_NOT_LINKED' };
    // Two leaves of a star are no longer linked once the star is committed.
    expect(
      await leaf1.socket.emitWithAck('signal', { to: r2.selfId, epoch: 3, signal: candidate }),
    ).toMatchObject(notLinked);
    expect(
      await outsider.socket.emitWithAck('signal', { to: r2.selfId, epoch: 3, signal: candidate }),
    ).toMatchObject(notLinked);
    expect(
      await leaf1.socket.emitWithAck('signal', { to: ro.selfId, epoch: 1, signal: candidate }),
    ).toMatchObject(notLinked);
    expect(
      await hub.socket.emitWithAck('signal', { to: r2.selfId, epoch: 999, signal: candidate }),
    ).toMatchObject(notLinked);
    // A legitimate signal afterwards arrives first: nothing from the refused ones came before it.
    const epoch = r2.plan.links.find((l) => l.peer === rh.selfId)?.epoch ?? -1;
    await hub.socket.emitWithAck('signal', { to: r2.selfId, epoch, signal: candidate });
    await leaf2.events.waitFor('signal');
    expect(leaf2.events.all<RelayedSignal>('signal').map((sig) => sig.from)).toEqual([rh.selfId]);
    expect(outsider.events.all('signal')).toEqual([]);
    expect(r1.selfId).not.toBe(r2.selfId);
  });
});

describe('relay without acks', () => {
  it('[P3][P4] relays a signal sent without an ack callback and answers nothing', async () => {
    const s = await server();
    const a = await peer(s);
    const b = await peer(s);
    const ra = await joinOk(a, 'room');
    const rb = await joinOk(b, 'room');
    const epoch = rb.plan.links[0]?.epoch ?? -1;
    for (let i = 0; i < 3; i++)
      a.socket.emit('signal', { to: rb.selfId, epoch, signal: candidate });
    await b.events.waitFor('signal', () => b.events.all('signal').length === 3);
    expect(b.events.all<RelayedSignal>('signal')).toEqual(
      Array(3).fill({ from: ra.selfId, epoch, signal: candidate }),
    );
    // A round trip after the signals: any answer to them would have arrived before this ack.
    await a.socket.emitWithAck('planReady', { version: rb.plan.version });
    expect(a.events.all('signalRejected')).toEqual([]);
    expect(a.events.all('serverError')).toEqual([]);
    expect((await s.signal.metrics.signalsRelayed.get()).values[0]?.value).toBe(3);
  });

  it('[P3][P4][P5] answers a refused ack-less signal with a coded signalRejected and delivers nothing', async () => {
    const s = await server();
    const [a, b, outsider, stranger] = await Promise.all([peer(s), peer(s), peer(s), peer(s)]);
    await joinOk(a, 'room');
    const rb = await joinOk(b, 'room');
    await joinOk(outsider, 'elsewhere');
    const epoch = rb.plan.links[0]?.epoch ?? -1;
    const before = JSON.stringify(s.signal.registry.dump());
    a.socket.emit('signal', { to: rb.selfId, epoch: epoch + 7, signal: candidate });
    outsider.socket.emit('signal', { to: rb.selfId, epoch, signal: candidate });
    stranger.socket.emit('signal', { to: rb.selfId, epoch, signal: candidate });
    const stale = await a.events.waitFor<SignalRejected>('signalRejected');
    const foreign = await outsider.events.waitFor<SignalRejected>('signalRejected');
    const unjoined = await stranger.events.waitFor<SignalRejected>('signalRejected');
    expect(stale).toEqual({
      to: rb.selfId,
      epoch: epoch + 7,
      error: 'ERR_NOT_LINKED',
      message: 'The current plan does not link you to that peer.',
    });
    expect(foreign).toMatchObject({ to: rb.selfId, epoch, error: 'ERR_NOT_LINKED' });
    expect(unjoined).toMatchObject({ to: rb.selfId, epoch, error: 'ERR_NOT_JOINED' });
    for (const event of [stale, foreign, unjoined]) {
      expect(SignalRejectedSchema.safeParse(event).success).toBe(true);
    }
    // A legitimate signal afterwards is the first and only one to arrive.
    a.socket.emit('signal', { to: rb.selfId, epoch, signal: candidate });
    await b.events.waitFor('signal');
    expect(b.events.all('signal')).toHaveLength(1);
    expect(JSON.stringify(s.signal.registry.dump())).toBe(before);
    const metrics = await s.signal.metrics.registry.metrics();
    expect(metrics).toMatch(/meshwork_rejects_total\{code="ERR_NOT_LINKED"\} 2/);
  });

  it('[P3] still answers a signal that carries an ack through the ack alone', async () => {
    const s = await server();
    const a = await peer(s);
    const b = await peer(s);
    await joinOk(a, 'room');
    const rb = await joinOk(b, 'room');
    expect(
      await a.socket.emitWithAck('signal', { to: rb.selfId, epoch: 999, signal: candidate }),
    ).toMatchObject({ ok: false, error: 'ERR_NOT_LINKED' });
    expect(a.events.all('signalRejected')).toEqual([]);
  });
});
