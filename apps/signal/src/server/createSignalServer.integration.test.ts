import { JoinOkSchema, type PeerInfo, type PeerPlan, PROTOCOL_VERSION } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { disconnected, join, joinOk, useTestStack } from '../testing/harness';

const { server, peer } = useTestStack();

describe('join and leave', () => {
  it('[P3] acks a join with id, token, snapshot, plan and ICE servers', async () => {
    const s = await server({
      config: { iceServers: [{ urls: 'stun:127.0.0.1:3478' }] },
    });
    const a = await peer(s);
    const res = await joinOk(a, 'alpha', { displayName: '  Ada  ' });
    expect(JoinOkSchema.safeParse(res).success).toBe(true);
    expect(res.selfId).toMatch(/^[A-Za-z0-9_-]{8,32}$/);
    expect(res.resumeToken.length).toBeGreaterThan(20);
    expect(res.resumed).toBe(false);
    expect(res.room.peers).toEqual([
      expect.objectContaining({ id: res.selfId, displayName: 'Ada', connected: true }),
    ]);
    expect(res.room.settings).toMatchObject({
      topology: 'auto',
      auto: { topology: 'mesh', reason: 'small', limitedPeer: null, limit: null, hub: null },
      hubPreference: null,
      locked: false,
      passwordProtected: false,
      lobby: false,
    });
    expect(res.plan).toMatchObject({ version: 1, self: res.selfId, order: [res.selfId] });
    expect(res.iceServers).toEqual([{ urls: 'stun:127.0.0.1:3478' }]);
  });

  it('hands out time-limited TURN credentials when TURN is configured', async () => {
    const s = await server({
      config: { turn: { secret: 's3cret', urls: ['turn:127.0.0.1:3478'], ttlSeconds: 600 } },
    });
    const res = await joinOk(await peer(s), 'alpha');
    const [turn] = res.iceServers;
    expect(turn?.username).toMatch(new RegExp(`^\\d+:${res.selfId}$`));
    expect(turn?.credential).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it('tells the others peerJoined and planPrepared, with increasing versions', async () => {
    const s = await server();
    const a = await peer(s);
    const b = await peer(s);
    const c = await peer(s);
    const ra = await joinOk(a, 'room');
    const rb = await joinOk(b, 'room');
    expect(await a.events.waitFor<PeerInfo>('peerJoined')).toMatchObject({ id: rb.selfId });
    const prepared = await a.events.waitFor<PeerPlan>('planPrepared', (p) => p.version === 2);
    expect(prepared.links.map((l) => l.peer)).toEqual([rb.selfId]);
    const rc = await joinOk(c, 'room');
    expect(rc.plan.version).toBe(3);
    expect(rc.room.peers.map((p) => p.id)).toEqual([ra.selfId, rb.selfId, rc.selfId]);
    await b.events.waitFor<PeerPlan>('planPrepared', (p) => p.version === 3);
    expect(b.events.all('planPrepared')).toHaveLength(1);
  });

  it('removes a peer at once on leave and issues a new plan', async () => {
    const s = await server();
    const a = await peer(s);
    const b = await peer(s);
    await joinOk(a, 'room');
    const rb = await joinOk(b, 'room');
    expect(await b.socket.emitWithAck('leave')).toEqual({ ok: true });
    expect(await a.events.waitFor('peerLeft')).toEqual({ peerId: rb.selfId, reason: 'left' });
    const plan = await a.events.waitFor<PeerPlan>('planPrepared', (p) => p.version === 3);
    expect(plan.order).toHaveLength(1);
    expect(await b.socket.emitWithAck('leave')).toMatchObject({
      ok: false,
      error: 'ERR_NOT_JOINED',
    });
    // A connection that left may join again.
    expect((await join(b, 'room')).ok).toBe(true);
  });

  it('[P4] refuses a second join on one connection and events before join', async () => {
    const s = await server();
    const a = await peer(s);
    expect(await a.socket.emitWithAck('planReady', { version: 1 })).toMatchObject({
      ok: false,
      error: 'ERR_NOT_JOINED',
      message: expect.any(String),
    });
    await joinOk(a, 'room');
    expect(await join(a, 'other')).toMatchObject({ ok: false, error: 'ERR_ALREADY_JOINED' });
    // [P1] The version is looked at first, even on a connection that already joined.
    expect(await join(a, 'other', { protocolVersion: PROTOCOL_VERSION + 1 })).toMatchObject({
      error: 'ERR_PROTOCOL_VERSION',
    });
  });

  it('[P1][P2][P11] applies room id, display name and protocol version rules with their own codes', async () => {
    const s = await server();
    const a = await peer(s);
    expect(await join(a, 'Bad Room')).toMatchObject({ error: 'ERR_INVALID_ROOM_ID' });
    expect(await join(a, 'a--b')).toMatchObject({ error: 'ERR_INVALID_ROOM_ID' });
    expect(await join(a, 'room', { displayName: '   ' })).toMatchObject({
      error: 'ERR_INVALID_DISPLAY_NAME',
    });
    expect(await join(a, 'room', { displayName: 'x'.repeat(49) })).toMatchObject({
      error: 'ERR_INVALID_DISPLAY_NAME',
    });
    expect(await join(a, 'room', { displayName: 'bell\u0007' })).toMatchObject({
      error: 'ERR_INVALID_DISPLAY_NAME',
    });
    expect(await join(a, 'room', { protocolVersion: 999 })).toMatchObject({
      error: 'ERR_PROTOCOL_VERSION',
    });
    expect(s.signal.registry.stats().rooms).toBe(0);
  });

  it('[P11] refuses names made only of invisible fillers (U+3164 and friends) at join and on update', async () => {
    const s = await server();
    const a = await peer(s);
    const b = await peer(s);
    for (const displayName of ['\u3164', '\u3164\u3164\u3164', '\u115f\u1160', '\u200b\u3164 ']) {
      expect(await join(a, 'room', { displayName }), JSON.stringify(displayName)).toMatchObject({
        ok: false,
        error: 'ERR_INVALID_DISPLAY_NAME',
      });
    }
    expect(s.signal.registry.stats().rooms).toBe(0);
    await joinOk(a, 'room', { displayName: 'Ada' });
    await joinOk(b, 'room', { displayName: 'Bo' });
    const before = JSON.stringify(s.signal.registry.dump());
    expect(await a.socket.emitWithAck('updatePeer', { displayName: '\u3164\u3164' })).toMatchObject(
      { ok: false, error: 'ERR_INVALID_DISPLAY_NAME' },
    );
    expect(JSON.stringify(s.signal.registry.dump())).toBe(before);
    expect(b.events.all('peerUpdated')).toEqual([]);
  });
});

describe('two-phase plans', () => {
  it('[P10] commits when every connected peer is ready', async () => {
    const s = await server();
    const a = await peer(s);
    const b = await peer(s);
    await joinOk(a, 'room');
    expect(await a.socket.emitWithAck('planReady', { version: 1 })).toEqual({ ok: true });
    expect(await a.events.waitFor('planCommitted')).toEqual({ version: 1 });
    await joinOk(b, 'room');
    await a.events.waitFor<PeerPlan>('planPrepared', (p) => p.version === 2);
    await a.socket.emitWithAck('planReady', { version: 2 });
    expect(a.events.all('planCommitted')).toHaveLength(1);
    await b.socket.emitWithAck('planReady', { version: 2 });
    expect(
      await a.events.waitFor('planCommitted', (e: { version: number }) => e.version === 2),
    ).toEqual({
      version: 2,
    });
    expect(await b.events.waitFor('planCommitted')).toEqual({ version: 2 });
    expect(await a.socket.emitWithAck('planReady', { version: 9 })).toMatchObject({
      error: 'ERR_STALE_PLAN',
    });
  });

  it('[P10] commits at the deadline when a peer never gets ready', async () => {
    const s = await server({ commitDeadlineMs: 150 });
    const a = await peer(s);
    const b = await peer(s);
    await joinOk(a, 'room');
    await joinOk(b, 'room');
    await a.socket.emitWithAck('planReady', { version: 2 });
    expect(
      await b.events.waitFor('planCommitted', (e: { version: number }) => e.version === 2),
    ).toEqual({
      version: 2,
    });
  });

  it('[P10] switches topology live: settingsChanged, a new prepare, and the version in the ack', async () => {
    const s = await server();
    const a = await peer(s);
    const b = await peer(s);
    const c = await peer(s);
    const ra = await joinOk(a, 'room');
    await joinOk(b, 'room');
    await joinOk(c, 'room');
    expect(await b.socket.emitWithAck('setTopology', { topology: 'star' })).toEqual({
      ok: true,
      version: 4,
    });
    expect(await c.events.waitFor('settingsChanged')).toMatchObject({
      topology: 'star',
      hubPreference: null,
    });
    const plan = await c.events.waitFor<PeerPlan>('planPrepared', (p) => p.version === 4);
    expect(plan.hub).toBe(ra.selfId);
    expect(plan.links.map((l) => l.peer)).toEqual([ra.selfId]);
    expect(await b.socket.emitWithAck('setHub', { hub: 'not-a-peer-here' })).toMatchObject({
      error: 'ERR_UNKNOWN_PEER',
    });
  });
});

describe('resume', () => {
  it('[P9] restores the same id within grace and replaces the old socket', async () => {
    const s = await server({ config: { resumeGraceMs: 30_000 } });
    const a = await peer(s);
    const b = await peer(s);
    const ra = await joinOk(a, 'room');
    await joinOk(b, 'room');
    a.socket.disconnect();
    await b.events.waitFor<PeerInfo>('peerUpdated', (p) => p.id === ra.selfId && !p.connected);
    const a2 = await peer(s);
    const back = await joinOk(a2, 'room', { resumeToken: ra.resumeToken });
    expect(back).toMatchObject({ resumed: true, selfId: ra.selfId });
    expect(back.room.peers).toHaveLength(2);
    await b.events.waitFor<PeerInfo>('peerUpdated', (p) => p.id === ra.selfId && p.connected);
    // A third socket with the same token takes over; the previous one is dropped.
    const a3 = await peer(s);
    const dropped = disconnected(a2);
    expect(await joinOk(a3, 'room', { resumeToken: back.resumeToken })).toMatchObject({
      selfId: ra.selfId,
    });
    await dropped;
    expect(b.events.all('peerLeft')).toEqual([]);
  });

  it('[P9] removes a peer whose grace ran out, and its token then gets a new id', async () => {
    const s = await server({ config: { resumeGraceMs: 50 } });
    const a = await peer(s);
    const b = await peer(s);
    const ra = await joinOk(a, 'room');
    await joinOk(b, 'room');
    a.socket.disconnect();
    expect(await b.events.waitFor('peerLeft')).toEqual({ peerId: ra.selfId, reason: 'timeout' });
    await b.events.waitFor<PeerPlan>(
      'planPrepared',
      (p) => p.version === 3 && p.order.length === 1,
    );
    const again = await joinOk(await peer(s), 'room', { resumeToken: ra.resumeToken });
    expect(again.resumed).toBe(false);
    expect(again.selfId).not.toBe(ra.selfId);
  });

  it('[P9] rebuilds rooms after a restart from tokens and hints, without going back in versions', async () => {
    const resumeSecret = 'a-fixed-secret-for-this-test';
    const first = await server({ config: { resumeSecret } });
    const a = await peer(first);
    const b = await peer(first);
    const ra = await joinOk(a, 'room');
    await joinOk(b, 'room');
    await a.socket.emitWithAck('setTopology', { topology: 'ring' });
    const last = await b.events.waitFor<PeerPlan>('planPrepared', (p) => p.version === 3);
    const otherRoomToken = (await joinOk(await peer(first), 'other-room')).resumeToken;
    await first.close();

    const second = await server({ config: { resumeSecret } });
    // [P16] The version moves up only as far as a plan proof the server made vouches for.
    const hints = {
      planVersion: 3,
      topology: 'ring' as const,
      hubPreference: null,
      planProof: last.proof,
    };
    const a2 = await peer(second);
    const back = await joinOk(a2, 'room', { resumeToken: ra.resumeToken, resume: hints });
    expect(back).toMatchObject({ resumed: true, selfId: ra.selfId });
    expect(back.room.peers[0]?.joinedAt).toBe(ra.room.peers[0]?.joinedAt);
    expect(back.plan.version).toBe(4);
    expect(back.room.settings.topology).toBe('ring');
    // A token for another room is not a pass into this one.
    const other = await joinOk(await peer(second), 'room', { resumeToken: otherRoomToken });
    expect(other.resumed).toBe(false);
  });

  it('notices a silently dead peer through the heartbeat', async () => {
    const s = await server({
      heartbeat: { pingIntervalMs: 50, pingTimeoutMs: 50 },
      config: { resumeGraceMs: 30_000 },
    });
    const a = await peer(s);
    const b = await peer(s);
    const ra = await joinOk(a, 'room');
    await joinOk(b, 'room');
    // The client stops answering pings, as a frozen tab or a cut cable would.
    const engine = a.socket.io.engine as unknown as {
      _sendPacket(type: string, ...rest: unknown[]): void;
    };
    const send = engine._sendPacket.bind(engine);
    engine._sendPacket = (type, ...rest) => {
      if (type !== 'pong') send(type, ...rest);
    };
    await b.events.waitFor<PeerInfo>('peerUpdated', (p) => p.id === ra.selfId && !p.connected);
  });

  it('[P9] ignores a forged token', async () => {
    const s = await server();
    const ra = await joinOk(await peer(s), 'room');
    const forged = `${ra.resumeToken.slice(0, -4)}AAAA`;
    const res = await joinOk(await peer(s), 'room', { resumeToken: forged });
    expect(res.resumed).toBe(false);
    expect(res.selfId).not.toBe(ra.selfId);
  });
});
