// Sessions against a real signal app on 127.0.0.1, over real Socket.IO (the default connect) and
// real WebRTC (@roamhq/wrtc). Run inside a loopback-only namespace:
// unshare -n sh -c 'ip link set lo up && npx vitest run src/ClientSession.integration.test.ts'
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { until } from '@meshwork/kit';
import type { ChatMessage, LinkStats } from '@meshwork/mesh/runtime';
import { mayOpenPeerConnections } from '@meshwork/mesh/testing/loopbackOnly';
import { createSignalServer, type SignalServer } from '@meshwork/signal';
import wrtc from '@roamhq/wrtc';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClientSession } from './ClientSession';
import type { ClientSessionOptions, SessionStatusChange } from './types';

const WAIT_MS = 20_000;

let http: Server;
let signal: SignalServer;
let url: string;
const sessions: ClientSession[] = [];

function session(overrides: Partial<ClientSessionOptions> = {}): ClientSession {
  const s = new ClientSession({
    url,
    createPeerConnection: (config) => new wrtc.RTCPeerConnection(config),
    createMediaStream: (tracks) => new wrtc.MediaStream(tracks),
    reconnectDelayMs: { min: 20, max: 100 },
    ...overrides,
  });
  sessions.push(s);
  return s;
}

function join(s: ClientSession, displayName: string): Promise<void> {
  return s.join({
    roomId: 'it-room',
    displayName,
    media: { audio: false, video: false, screen: false },
  });
}

describe.runIf(mayOpenPeerConnections())('ClientSession over a real signal app', () => {
  beforeEach(async () => {
    http = createServer();
    signal = createSignalServer(http, { serveHttp: false, config: { iceServers: [] } });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    for (const s of sessions.splice(0)) s.close();
    await signal.close();
    if (http.listening) await new Promise<void>((resolve) => http.close(() => resolve()));
  });

  it('two sessions meet, link up peer to peer, chat, and stream link stats', async () => {
    const a = session();
    const b = session();
    await join(a, 'Ana');
    await join(b, 'Bo');
    await until(() => a.room?.peers.length === 2 && b.room?.peers.length === 2, {
      what: 'both sessions to see the room of two',
      timeoutMs: WAIT_MS,
    });
    const connected = (s: ClientSession) =>
      new Promise<void>((resolve) => {
        const off = s.on('linkStateChanged', (e) => {
          if (e.status === 'connected') {
            off();
            resolve();
          }
        });
      });
    await Promise.all([connected(a), connected(b)]);

    const chats: ChatMessage[] = [];
    b.on('chatReceived', (c) => chats.push(c));
    await a.sendChat('hello');
    await until(() => chats.length === 1, { what: 'the chat to arrive', timeoutMs: WAIT_MS });
    expect(chats[0]).toMatchObject({ origin: a.selfId, text: 'hello' });
    // [P14] Signed by Ana's session key, verified by Bo against the key the server published.
    expect(b.room?.peers.find((p) => p.id === a.selfId)?.publicKey).toMatch(/^[\w-]{87}$/);
    expect(b.mesh?.rejectedMessages).toBe(0);

    const samples: Array<readonly LinkStats[]> = [];
    const off = a.subscribeStats((s) => samples.push(s));
    await until(() => samples.some((s) => s.some((l) => l.peer === b.selfId)), {
      what: "a stats sample with Bo's link",
      timeoutMs: WAIT_MS,
    });
    off();
    expect((await a.getStats()).map((l) => l.peer)).toEqual([b.selfId]);

    const left: string[] = [];
    a.on('peerLeft', (e) => left.push(e.peerId));
    await b.leave();
    await until(() => left.length === 1, { what: 'Ana to hear Bo leave', timeoutMs: WAIT_MS });
    expect(b.status).toBe('left');
  });

  it('[P15] only the host removes or hands on the role; the removed session fails with ERR_REMOVED', async () => {
    const host = session();
    const guest = session();
    const victim = session();
    await join(host, 'Host');
    await join(guest, 'Guest');
    await join(victim, 'Victim');
    expect(victim.room?.settings.hostId).toBe(host.selfId);
    const victimId = victim.selfId as string;
    await expect(guest.removePeer(victimId)).rejects.toMatchObject({ code: 'ERR_NOT_HOST' });
    await expect(guest.updateRoom({ locked: true })).rejects.toMatchObject({
      code: 'ERR_NOT_HOST',
    });
    expect(host.room?.peers).toHaveLength(3);

    const statuses: SessionStatusChange[] = [];
    victim.on('statusChanged', (c) => statuses.push(c));
    const left: Array<{ peerId: string; reason: string }> = [];
    guest.on('peerLeft', (e) => left.push(e));
    await host.removePeer(victimId);
    await until(() => victim.status === 'failed' && left.length === 1, {
      what: 'the removal to reach both',
      timeoutMs: WAIT_MS,
    });
    expect(statuses).toEqual([expect.objectContaining({ status: 'failed', error: 'ERR_REMOVED' })]);
    expect(left).toEqual([{ peerId: victimId, reason: 'kicked' }]);
    expect(victim.mesh).toBeNull();
    expect(guest.room?.peers.map((p) => p.id)).not.toContain(victimId);

    // The role moves on request; the former host is then refused like anyone else.
    await host.transferHost(guest.selfId as string);
    await until(
      () =>
        host.room?.settings.hostId === guest.selfId && guest.room?.settings.hostId === guest.selfId,
      { what: 'both to see the new host', timeoutMs: WAIT_MS },
    );
    await expect(host.updateRoom({ locked: true })).rejects.toMatchObject({ code: 'ERR_NOT_HOST' });
    await guest.updateRoom({ locked: true });
    await until(() => host.room?.settings.locked === true, {
      what: 'the lock',
      timeoutMs: WAIT_MS,
    });
  });

  it('gives up after the reconnect limit when nothing listens: failed, ERR_UNREACHABLE', async () => {
    await signal.close();
    await new Promise<void>((resolve) => http.close(() => resolve()));
    const s = session({ maxReconnectAttempts: 2 });
    const statuses: SessionStatusChange[] = [];
    s.on('statusChanged', (c) => statuses.push(c));
    await expect(join(s, 'Cy')).rejects.toMatchObject({ code: 'ERR_UNREACHABLE' });
    expect(statuses.map((c) => c.status)).toEqual([
      'connecting',
      'reconnecting',
      'reconnecting',
      'failed',
    ]);
    expect(statuses.at(-1)).toMatchObject({ error: 'ERR_UNREACHABLE', attempt: 2 });
  });
});
