// A media hub killed mid-call, and hubs at their limits, with real wrtc bots on loopback.
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BotRoom, startSignal, type TestSignal } from '@meshwork/bots/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { committed, FLOWING_FRAMES, HUB_SECRET, until } from '../testing/hubSuite';
import { MediaHub } from './MediaHub';

/** Longest a star through a killed hub may take to deliver every origin again over peers. */
const FALLBACK_BOUND_MS = 30_000;
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (line: string) => console.info(`[hub] ${line}`);

let signal: TestSignal;
const rooms: BotRoom[] = [];
const children: ChildProcess[] = [];
const hubs: MediaHub[] = [];

beforeAll(async () => {
  signal = await startSignal({ hubSecret: HUB_SECRET });
});
afterEach(async () => {
  await Promise.all(rooms.splice(0).map((r) => r.close()));
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await Promise.allSettled(hubs.splice(0).map((h) => h.close()));
  await until(() => signal.server.hubs.list().length === 0, 10_000, 'hubs to disconnect');
});
afterAll(async () => {
  await signal.close();
});

/** Runs the hub's own entry point as a process of its own, as `npm start` does. */
function spawnHub(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      SIGNAL_URLS: signal.url,
      HUB_SECRET,
      HUB_NAME: 'child-hub',
      HUB_HOST_ADDRESSES: '127.0.0.1',
      HUB_STATS_PORT: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}

describe('hub failover', () => {
  it(`[P24] a hub killed mid-call: the star falls back to a peer hub and every origin decodes again within ${FALLBACK_BOUND_MS} ms`, async () => {
    const hub = spawnHub();
    await until(() => signal.server.hubs.list().length === 1, 20_000, 'the hub process to connect');
    const room = new BotRoom(signal.url, 'hub-killed');
    rooms.push(room);
    await room.add(3);
    await until(
      () =>
        room.bots[0]?.session.room?.peers.some((p) => p.capacity.deviceClass === 'server') === true,
      20_000,
      'the hub to join the room',
    );
    await room.bots[0]?.session.setTopology('star');
    const hubId =
      room.bots[0]?.session.room?.peers.find((p) => p.capacity.deviceClass === 'server')?.id ?? '';
    await committed(room, 'star', hubId);
    await room.flowing(() => 2, FLOWING_FRAMES);

    const t0 = Date.now();
    hub.kill('SIGKILL');
    const first = room.bots[0]?.id ?? '';
    // The longest-present person becomes the hub ([P17]): Bot 0.
    await committed(room, 'star', first, FALLBACK_BOUND_MS);
    await room.flowing('star', FLOWING_FRAMES, FALLBACK_BOUND_MS);
    const elapsed = Date.now() - t0;
    log(`hub killed: every origin decoding again over the peer hub after ${elapsed} ms`);
    expect(elapsed).toBeLessThan(FALLBACK_BOUND_MS);
  });

  it('[P24] a hub at its room limit refuses with ERR_HUB_FULL: the next room keeps a peer hub', async () => {
    const hub = new MediaHub({
      url: signal.url,
      hubSecret: HUB_SECRET,
      name: 'small-hub',
      maxRooms: 1,
      maxStreams: 100,
      hostAddresses: ['127.0.0.1'],
    });
    hubs.push(hub);
    hub.start();
    await until(() => signal.server.hubs.list().length === 1, 10_000, 'the hub to connect');
    const served = new BotRoom(signal.url, 'hub-full-a');
    const refused = new BotRoom(signal.url, 'hub-full-b');
    rooms.push(served, refused);
    await served.add(1);
    await until(
      () => hub.room('hub-full-a')?.session.status === 'joined',
      20_000,
      'the hub to join',
    );
    await refused.add(2);
    await refused.bots[0]?.session.setTopology('star');
    await committed(refused, 'star', refused.bots[0]?.id ?? '');
    await refused.flowing('star', FLOWING_FRAMES);
    expect(hub.room('hub-full-b')).toBeUndefined();
    expect(refused.bots[0]?.session.room?.peers.map((p) => p.capacity.deviceClass)).not.toContain(
      'server',
    );
    expect(signal.server.hubs.list()[0]?.load.rooms).toEqual(['hub-full-a']);
  });

  it('[P24] a hub handshake without the secret is refused with ERR_HUB_AUTH and never listed', async () => {
    const { io } = await import('socket.io-client');
    const socket = io(`${signal.url}/hubs`, {
      auth: {
        protocolVersion: 2,
        hubToken: 'not-the-secret-at-all',
        name: 'x',
        limits: { maxRooms: 1, maxStreams: 1 },
      },
      transports: ['websocket'],
      reconnection: false,
    });
    const error = await new Promise<Error>((resolve) => socket.on('connect_error', resolve));
    socket.close();
    expect(error.message).toBe('ERR_HUB_AUTH');
    expect(signal.server.hubs.list()).toEqual([]);
  });
});
