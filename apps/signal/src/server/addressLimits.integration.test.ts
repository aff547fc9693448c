import { createServer } from 'node:http';
import { createConnection } from 'node:net';
import { FakeClock, type Logger, until } from '@meshwork/kit';
import type { ServerErrorEvent } from '@meshwork/protocol';
import { Manager } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { connect, join, joinOk, type Peer, useTestStack } from '../testing/harness';
import { createSignalServer } from './createSignalServer';

const { server, peer } = useTestStack();

/** Resolves once the socket is closed, whatever closed it. */
function closed(p: Peer): Promise<void> {
  if (!p.socket.connected) return Promise.resolve();
  return new Promise((resolve) => p.socket.once('disconnect', () => resolve()));
}

const dump = (s: { signal: { registry: { dump(): unknown } } }) =>
  JSON.stringify(s.signal.registry.dump());

/** A client whose requests claim to come from `ip` (believed only with TRUST_PROXY). */
const from = (ip: string) => ({ extraHeaders: { 'x-forwarded-for': ip } });

/** A password hash the test lets finish, so joins can be held waiting in the registry. */
function heldPasswords() {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    release: () => release(),
    passwords: {
      hash: async (password: string) => {
        await gate;
        return `plain:${password}`;
      },
      verify: async (password: string, hash: string) => hash === `plain:${password}`,
    },
  };
}

describe('[P18] limits per address', () => {
  it('[P18] the default limits let a full room of 16 join from one address (an office behind NAT)', async () => {
    const { maxConnectionsPerIp, joinsPerIpPerMinute, maxJoinQueuePerRoom } = loadConfig({});
    const s = await server({
      config: { maxConnectionsPerIp, joinsPerIpPerMinute, maxJoinQueuePerRoom },
    });
    const office = await Promise.all(Array.from({ length: 16 }, () => peer(s)));
    const joined = await Promise.all(office.map((p) => join(p, 'standup')));
    expect(joined.filter((r) => r.ok)).toHaveLength(16);
    expect(office.flatMap((p) => p.events.all('serverError'))).toEqual([]);
  });

  it('[P18] refuses a connection over MAX_CONNECTIONS_PER_IP with ERR_TOO_MANY_CONNECTIONS, and frees the place on disconnect', async () => {
    const s = await server({ config: { maxConnectionsPerIp: 2 } });
    const a = await peer(s);
    const b = await peer(s);
    await joinOk(a, 'room');
    await joinOk(b, 'room');
    const before = dump(s);
    const extra = await peer(s);
    const refused = await extra.events.waitFor<ServerErrorEvent>('serverError');
    expect(refused.error).toBe('ERR_TOO_MANY_CONNECTIONS');
    await closed(extra);
    // Nothing changed for the honest peers, who heard nothing.
    expect(dump(s)).toBe(before);
    expect(a.events.all('peerJoined')).toHaveLength(1);
    expect(a.events.all('serverError')).toEqual([]);
    expect(await a.socket.emitWithAck('setTopology', { topology: 'ring' })).toMatchObject({
      ok: true,
    });
    // A place given back is a place another connection can take.
    const gone = closed(b);
    b.socket.disconnect();
    await gone;
    await until(() => s.signal.io.of('/').sockets.size === 1, { what: 'the place given back' });
    const c = await peer(s);
    await joinOk(c, 'room');
    expect(c.events.all('serverError')).toEqual([]);
  });

  it('[P18] closes raw transport connections that never reach the namespace beyond twice the cap', async () => {
    const s = await server({ config: { maxConnectionsPerIp: 2 } });
    // Engine-level connections only: a client that opens transports and never says hello.
    const managers = Array.from(
      { length: 6 },
      () => new Manager(s.url, { transports: ['websocket'], forceNew: true, reconnection: false }),
    );
    let seen = 0;
    s.signal.io.engine.on('connection', () => seen++);
    for (const m of managers) m.open();
    await until(() => seen === 6 && s.signal.io.engine.clientsCount === 4, {
      what: 'six transports seen by the server and two of them closed',
    });
    for (const m of managers) m.engine?.close();
    await until(() => s.signal.io.engine.clientsCount === 0, { what: 'all transports closed' });
    // Every place came back: an honest client connects and joins.
    await joinOk(await peer(s), 'room');
  });

  it('[P18] ignores X-Forwarded-For unless TRUST_PROXY is set, then counts the address it names', async () => {
    const untrusted = await server({ config: { maxConnectionsPerIp: 1 } });
    await peer(untrusted, from('198.51.100.1'));
    const spoofed = await peer(untrusted, from('198.51.100.2'));
    expect(await spoofed.events.waitFor<ServerErrorEvent>('serverError')).toMatchObject({
      error: 'ERR_TOO_MANY_CONNECTIONS',
    });

    const trusted = await server({ config: { maxConnectionsPerIp: 1, trustProxy: true } });
    const one = await peer(trusted, from('198.51.100.1'));
    const other = await peer(trusted, from('198.51.100.2'));
    const same = await peer(trusted, from('10.9.9.9, 198.51.100.1'));
    expect(await same.events.waitFor<ServerErrorEvent>('serverError')).toMatchObject({
      error: 'ERR_TOO_MANY_CONNECTIONS',
    });
    await joinOk(one, 'room');
    await joinOk(other, 'room');
  });

  it('[P18] limits joins per address per minute with ERR_TOO_MANY_CONNECTIONS, changing nothing', async () => {
    const clock = new FakeClock(Date.now());
    const s = await server({ clock, config: { joinsPerIpPerMinute: 3 } });
    const peers = await Promise.all([1, 2, 3, 4].map(() => peer(s)));
    for (const p of peers.slice(0, 3)) await joinOk(p, 'busy');
    const before = dump(s);
    const [first] = peers;
    expect(await join(peers[3] as Peer, 'busy')).toMatchObject({
      ok: false,
      error: 'ERR_TOO_MANY_CONNECTIONS',
    });
    expect(await join(peers[3] as Peer, 'elsewhere')).toMatchObject({
      error: 'ERR_TOO_MANY_CONNECTIONS',
    });
    expect(dump(s)).toBe(before);
    expect(first?.events.all('peerJoined')).toHaveLength(2);
    // The budget refills evenly: one join every 20 s.
    clock.advance(20_000);
    await joinOk(peers[3] as Peer, 'busy');
  });

  it('[P18] backs off password guesses per address and room across fresh sockets, in parallel too', async () => {
    const clock = new FakeClock(Date.now());
    const s = await server({ clock, config: { trustProxy: true } });
    await joinOk(await peer(s, from('203.0.113.1')), 'vault', { password: 'right' });
    const before = dump(s);
    // Each guess on a socket of its own, all sent before any is answered.
    const guessers = await Promise.all(
      Array.from({ length: 12 }, () => peer(s, from('198.51.100.7'))),
    );
    const answers = await Promise.all(
      guessers.map((g, i) => join(g, 'vault', { password: `guess-${i}` })),
    );
    const codes = answers.map((r) => (r.ok ? 'ok' : r.error));
    expect(codes.filter((c) => c === 'ERR_AUTH_FAILED')).toHaveLength(5);
    expect(codes.filter((c) => c === 'ERR_RATE_LIMITED')).toHaveLength(7);
    // Backing off, even the right password waits; time alone lets one more attempt through.
    const late = await peer(s, from('198.51.100.7'));
    expect(await join(late, 'vault', { password: 'right' })).toMatchObject({
      error: 'ERR_RATE_LIMITED',
    });
    expect(dump(s)).toBe(before);
    // Another address, or another room, is not slowed down.
    await joinOk(await peer(s, from('203.0.113.2')), 'vault', { password: 'right' });
    await joinOk(await peer(s, from('198.51.100.7')), 'other-room', { password: 'mine' });
    clock.advance(1_000);
    await joinOk(late, 'vault', { password: 'right' });
  });

  it('[P18] answers ERR_JOIN_QUEUE_FULL when more joins wait for one room than the queue holds', async () => {
    const held = heldPasswords();
    const s = await server({ passwords: held.passwords, config: { maxJoinQueuePerRoom: 2 } });
    const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map(() => peer(s)));
    const first = join(a as Peer, 'queue', { password: 'pw' });
    const second = join(b as Peer, 'queue', { password: 'pw' });
    expect(await join(c as Peer, 'queue', { password: 'pw' })).toMatchObject({
      ok: false,
      error: 'ERR_JOIN_QUEUE_FULL',
    });
    // Other rooms have queues of their own.
    await joinOk(d as Peer, 'open-room');
    held.release();
    expect(await first).toMatchObject({ ok: true });
    expect(await second).toMatchObject({ ok: true });
    // The queue drained: the refused peer gets in now.
    await joinOk(c as Peer, 'queue', { password: 'pw' });
  });
});

describe('[P18] the process survives errors', () => {
  it('[P18] an http server error, a refused handshake and garbage on the socket crash nothing', async () => {
    const errors: string[] = [];
    const logger: Logger = {
      debug() {},
      info() {},
      warn() {},
      error: (msg) => errors.push(msg),
      child: () => logger,
    };
    const s = await server({ logger });
    const http = s.signal.io.httpServer;
    // Without a listener, an `error` event throws and would end the process.
    expect(() => http.emit('error', new Error('EMFILE: too many open files'))).not.toThrow();
    expect(() =>
      s.signal.io.engine.emit('connection_error', { code: 3, message: 'Bad request' }),
    ).not.toThrow();
    // A second signal app on the same port: the listen error is logged, not thrown.
    const port = Number(new URL(s.url).port);
    const clash = createServer();
    const other = createSignalServer(clash, { logger });
    const logged = errors.length;
    clash.listen(port, '127.0.0.1');
    await until(() => errors.length > logged, { what: 'the listen error logged' });
    await other.close();
    // Bytes that are not HTTP at all.
    await new Promise<void>((resolve) => {
      const raw = createConnection(port, '127.0.0.1', () => raw.end('\x00\x01garbage\r\n\r\n'));
      raw.on('close', () => resolve());
      raw.on('error', () => resolve());
      raw.resume();
    });
    const p = await connect(s.url);
    await joinOk(p, 'still-here');
    p.socket.disconnect();
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  });
});
