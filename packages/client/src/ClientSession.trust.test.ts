// Trust between peers, as the session sees it (protocol SPEC [P14]-[P19]): one key pair per
// session, peer keys for the mesh, host requests, removal, renewed ICE servers, and plans that
// are superseded before they commit.
import type { JoinRequest } from '@meshwork/protocol';
import { JoinRequestSchema } from '@meshwork/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import { joinOk, OTHER, PUBLIC_KEY, plan, SELF, selfPeer } from './testing/fixtures';
import { createHarness, type Harness } from './testing/harness';

let h: Harness;

beforeEach(() => {
  h = createHarness();
});

const joinOf = (socket: { of(e: string): unknown[][] }, i = 0) =>
  socket.of('join')[i]?.[0] as JoinRequest;

describe('ClientSession keys', () => {
  it('[P14] joins with the public key of its one signer, which the mesh signs with', async () => {
    const { session, socket, mesh } = await h.joined();
    const req = joinOf(socket);
    expect(JoinRequestSchema.safeParse(req).success).toBe(true);
    expect(req.publicKey).toBe(mesh.options.signer.publicKey);
    expect(mesh.options.subtle).toBe(globalThis.crypto.subtle);
    const sent = await session.sendChat('hello');
    expect(sent).toMatchObject({ origin: SELF, text: 'hello' });
    const sig = mesh.calls.find((c) => c[0] === 'sendChat')?.[2];
    expect(typeof sig).toBe('string');
  });

  it('[P14] keeps its key across a rebuilt mesh, and each session makes its own', async () => {
    const { socket, mesh } = await h.joined();
    socket.serverDrop();
    h.clock.advance(100);
    socket.serverConnect();
    socket.ack('join', joinOk({ selfId: 'self-peer-9' }));
    expect(joinOf(socket, 1).publicKey).toBe(joinOf(socket, 0).publicKey);
    expect(h.meshes[1]?.options.signer).toBe(mesh.options.signer);
    const other = await h.joined();
    expect(joinOf(other.socket).publicKey).not.toBe(joinOf(socket).publicKey);
  });

  it('[P14] hands the mesh every peer key with each room view', async () => {
    const { socket, mesh } = await h.joined();
    expect(mesh.peerKeys.map((k) => [...k])).toEqual([[[OTHER, PUBLIC_KEY]]]);
    const key = `D${'g'.repeat(86)}`;
    const third = { ...selfPeer({ audio: true, video: true, screen: false }), id: 'third-peer-3' };
    socket.fire('peerJoined', { ...third, joinedAt: 3, publicKey: key });
    expect([...(mesh.peerKeys.at(-1) ?? [])]).toEqual([
      [OTHER, PUBLIC_KEY],
      ['third-peer-3', key],
    ]);
  });

  it('sendChat before a join rejects with ERR_NOT_JOINED', async () => {
    const { session } = h.session();
    await expect(session.sendChat('hi')).rejects.toMatchObject({ code: 'ERR_NOT_JOINED' });
  });
});

describe('ClientSession host requests', () => {
  it('[P15] updateRoom, removePeer and transferHost resolve on ok and reject with the code', async () => {
    const { session, socket } = await h.joined();
    const lock = session.updateRoom({ locked: true });
    socket.ack('updateRoom', { ok: true });
    await expect(lock).resolves.toBeUndefined();
    const remove = session.removePeer(OTHER);
    socket.ack('removePeer', { ok: false, error: 'ERR_NOT_HOST', message: 'no' });
    await expect(remove).rejects.toMatchObject({ code: 'ERR_NOT_HOST' });
    const transfer = session.transferHost(OTHER);
    h.clock.advance(10_000);
    await expect(transfer).rejects.toMatchObject({ code: 'ERR_TIMEOUT' });
    expect(socket.of('removePeer')[0]?.[0]).toEqual({ peer: OTHER });
  });

  it('[P15] host requests before a join reject with ERR_NOT_JOINED', async () => {
    const { session } = h.session();
    await expect(session.updateRoom({ locked: true })).rejects.toMatchObject({
      code: 'ERR_NOT_JOINED',
    });
  });
});

describe('ClientSession removal', () => {
  it('[P15] serverError ERR_REMOVED fails the session for good: no reconnect, mesh closed', async () => {
    const { session, statuses, socket, mesh } = await h.joined();
    const message = 'The host removed you from the room.';
    socket.fire('serverError', { error: 'ERR_REMOVED', message });
    socket.serverDrop('io server disconnect');
    expect(session.status).toBe('failed');
    expect(statuses.at(-1)).toMatchObject({ status: 'failed', error: 'ERR_REMOVED', message });
    expect(mesh.closed).toBe(1);
    expect(h.clock.pending).toBe(0);
    h.clock.advance(60_000);
    expect(socket.connectCalls).toBe(1);
    expect(statuses.filter((s) => s.status === 'reconnecting')).toEqual([]);
  });

  it('[P15] a rejoin refused with ERR_REMOVED fails the session too', async () => {
    const { session, socket } = await h.joined();
    socket.serverDrop();
    h.clock.advance(100);
    socket.serverConnect();
    socket.ack('join', { ok: false, error: 'ERR_REMOVED', message: 'removed' });
    expect(session.status).toBe('failed');
    h.clock.advance(60_000);
    expect(socket.of('join')).toHaveLength(2);
  });
});

describe('ClientSession ICE servers', () => {
  it('[P19] iceServersChanged feeds the mesh the renewed servers', async () => {
    const { socket, mesh } = await h.joined();
    const iceServers = [{ urls: 'turn:127.0.0.1:3478', username: 'u2', credential: 'c2' }];
    socket.fire('iceServersChanged', { iceServers });
    expect(mesh.iceServerUpdates).toEqual([iceServers]);
  });
});

describe('ClientSession superseded plans', () => {
  it('[P10] a late commit of a superseded plan is dropped, never applied after the newer plan', async () => {
    const { session, socket, mesh } = await h.joined();
    const changes: string[] = [];
    session.on('planChanged', (c) => changes.push(`${c.plan.version} ${c.committed}`));
    socket.fire('planPrepared', plan(2));
    socket.fire('planPrepared', plan(3, 'star'));
    socket.fire('planCommitted', { version: 2 });
    mesh.fire('planReady', { version: 2 });
    expect(mesh.calls.filter((c) => c[0] === 'commitPlan')).toEqual([]);
    expect(socket.of('planReady')).toEqual([]);
    mesh.fire('planReady', { version: 3 });
    socket.fire('planCommitted', { version: 3 });
    expect(mesh.calls.filter((c) => c[0] === 'applyPlan' || c[0] === 'commitPlan')).toEqual([
      ['applyPlan', 1],
      ['applyPlan', 2],
      ['applyPlan', 3],
      ['commitPlan', 3],
    ]);
    expect(socket.of('planReady').map((a) => a[0])).toEqual([{ version: 3 }]);
    expect(changes).toEqual(['2 false', '3 false', '3 true']);
    expect(session.plan?.version).toBe(3);
  });

  it('[P10] of the plans held while a resume is in flight, only the newest is applied', async () => {
    const { session, socket, mesh } = await h.joined();
    socket.serverDrop();
    h.clock.advance(100);
    socket.serverConnect();
    // The rebuilt room re-plans twice before our join is answered; both arrive first.
    socket.fire('planPrepared', plan(5));
    socket.fire('planPrepared', plan(6, 'ring'));
    socket.fire('planCommitted', { version: 5 });
    socket.ack('join', joinOk({ resumed: true, plan: plan(4) }));
    expect(mesh.calls.filter((c) => c[0] === 'applyPlan' || c[0] === 'commitPlan')).toEqual([
      ['applyPlan', 1],
      ['applyPlan', 4],
      ['applyPlan', 6],
    ]);
    expect(session.plan?.version).toBe(6);
    expect(h.logs.some((l) => l.msg === 'dropping a superseded plan')).toBe(true);
  });
});
