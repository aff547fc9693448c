// [P25] [P26] Sessions in a room with a lobby, against a real signal app on 127.0.0.1 over real
// Socket.IO, with real WebRTC (@roamhq/wrtc) once admitted. Run inside a loopback-only namespace.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { until } from '@meshwork/kit';
import { mayOpenPeerConnections } from '@meshwork/mesh/testing/loopbackOnly';
import type { LobbyEntry } from '@meshwork/protocol';
import { createSignalServer, type SignalServer } from '@meshwork/signal';
import wrtc from '@roamhq/wrtc';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClientSession } from './ClientSession';
import type { SessionEvents, SessionStatus } from './types';

const WAIT_MS = 20_000;

let http: Server;
let signal: SignalServer;
let url: string;
const sessions: ClientSession[] = [];

function session(): ClientSession {
  const s = new ClientSession({
    url,
    createPeerConnection: (config) => new wrtc.RTCPeerConnection(config),
    createMediaStream: (tracks) => new wrtc.MediaStream(tracks),
    reconnectDelayMs: { min: 20, max: 100 },
  });
  sessions.push(s);
  return s;
}

function join(s: ClientSession, displayName: string): Promise<void> {
  return s.join({
    roomId: 'lobby-room',
    displayName,
    media: { audio: false, video: false, screen: false },
  });
}

/** Everything `s` emits of `event`, from now on. */
function record<E extends keyof SessionEvents>(s: ClientSession, event: E): SessionEvents[E][] {
  const seen: SessionEvents[E][] = [];
  s.on(event, (payload) => seen.push(payload));
  return seen;
}

describe.runIf(mayOpenPeerConnections())('ClientSession with a lobby', () => {
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

  it('[P25] a waiting session says so, joins by itself once let in, and a declined one fails with the code', async () => {
    const host = session();
    const lobbies = record(host, 'lobbyChanged');
    await join(host, 'Ana');
    await host.updateRoom({ lobby: true });
    await until(() => host.room?.settings.lobby === true, {
      what: 'the lobby on',
      timeoutMs: WAIT_MS,
    });

    const guest = session();
    const statuses: SessionStatus[] = [];
    guest.on('statusChanged', (c) => statuses.push(c.status));
    let joined = false;
    const guestJoin = join(guest, 'Bo').then(() => {
      joined = true;
    });
    await until(() => guest.status === 'waiting', {
      what: 'the guest waiting',
      timeoutMs: WAIT_MS,
    });
    const waiting = (): readonly LobbyEntry[] => lobbies.at(-1)?.waiting ?? [];
    await until(() => waiting().length === 1, { what: 'one waiter listed', timeoutMs: WAIT_MS });
    expect(waiting()[0]?.displayName).toBe('Bo');
    expect(guest.room).toBeNull();
    expect(joined).toBe(false);

    await host.answerLobby(waiting()[0]?.id ?? '', true);
    await guestJoin;
    expect(statuses).toEqual(['connecting', 'waiting', 'joined']);
    expect(guest.room?.peers.map((p) => p.displayName)).toEqual(['Ana', 'Bo']);
    await until(() => waiting().length === 0, {
      what: 'the waiting list empty',
      timeoutMs: WAIT_MS,
    });

    const other = session();
    const refused = join(other, 'Cy').catch((err: { code: string }) => err.code);
    await until(() => waiting().length === 1, {
      what: 'one waiter listed again',
      timeoutMs: WAIT_MS,
    });
    await host.answerLobby(waiting()[0]?.id ?? '', false);
    expect(await refused).toBe('ERR_LOBBY_DECLINED');
    expect(other.status).toBe('failed');
    expect(host.room?.peers).toHaveLength(2);
  });

  it('[P26] hands arrive in the order raised and reactions reach every session', async () => {
    const a = session();
    const b = session();
    const handsA = record(a, 'handsChanged');
    const reactedA = record(a, 'reacted');
    await join(a, 'Ana');
    await join(b, 'Bo');
    await b.raiseHand(true);
    await a.raiseHand(true);
    await until(() => handsA.at(-1)?.hands.length === 2, {
      what: 'two hands up',
      timeoutMs: WAIT_MS,
    });
    expect(handsA.at(-1)?.hands).toEqual([b.selfId, a.selfId]);
    await b.react('heart');
    await until(() => reactedA.length === 1, { what: 'the reaction', timeoutMs: WAIT_MS });
    expect(reactedA[0]).toMatchObject({ peerId: b.selfId, reaction: 'heart' });
    await expect(a.lowerHand(b.selfId ?? '')).resolves.toBeUndefined();
    await until(() => handsA.at(-1)?.hands.join() === a.selfId, {
      what: 'only the first hand up',
      timeoutMs: WAIT_MS,
    });
  });
});
