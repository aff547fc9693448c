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
    a.sendChat('hello');
    await until(() => chats.length === 1, { what: 'the chat to arrive', timeoutMs: WAIT_MS });
    expect(chats[0]).toMatchObject({ origin: a.selfId, text: 'hello' });

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
