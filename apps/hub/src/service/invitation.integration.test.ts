// A hub on "another machine" (its own HTTP endpoint, no SIGNAL_URLS) that a signal app invites
// with HUB_URLS, then a star of wrtc bots through it, inside a loopback-only namespace.
import type { AddressInfo } from 'node:net';
import { BotRoom, startSignal, type TestSignal } from '@meshwork/bots/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { committed, FLOWING_FRAMES, HUB_SECRET, until } from '../testing/hubSuite';
import { createHubHttpServer } from './httpServer';
import { SignalApps } from './SignalApps';

describe('a signal app invites a hub (HUB_URLS)', () => {
  let apps: SignalApps;
  let http: ReturnType<typeof createHubHttpServer>;
  let signal: TestSignal;
  let room: BotRoom | undefined;

  beforeAll(async () => {
    apps = new SignalApps({
      hubSecret: HUB_SECRET,
      name: 'remote-hub',
      maxRooms: 10,
      maxStreams: 400,
      hostAddresses: ['127.0.0.1'],
    });
    http = createHubHttpServer({
      stats: (options) => apps.stats(options),
      hubSecret: HUB_SECRET,
      invited: (invite) => apps.serve(invite.url),
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const hubUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    signal = await startSignal({
      hubSecret: HUB_SECRET,
      deps: { config: { hubUrls: [hubUrl], hubDialUrl: null } },
    });
  });
  afterAll(async () => {
    await room?.close();
    await apps.close();
    await new Promise((r) => http.close(r));
    await signal.close();
  });

  it('[P24] the invited hub dials the signal app and carries a star of three', async () => {
    await until(() => signal.server.hubs.list().length === 1, 20_000, 'the invited hub to dial');
    expect(signal.server.hubs.list()[0]?.name).toBe('remote-hub');
    expect(apps.urls).toEqual([signal.url.replace(/\/+$/, '')]);

    room = new BotRoom(signal.url, 'invited-hub');
    await room.add(3);
    const hubRoom = () => apps.hub(signal.url)?.room('invited-hub');
    await until(() => hubRoom()?.session.status === 'joined', 20_000, 'the hub to join');
    const hubId = hubRoom()?.session.selfId ?? '';
    await room.bots[0]?.session.setTopology('star');
    await committed(room, 'star', hubId);
    await room.flowing(() => 2, FLOWING_FRAMES);
    for (const origin of room.bots) {
      const row = hubRoom()
        ?.stats()
        .origins.find((o) => o.origin === origin.id);
      expect(row?.packetsForwarded).toBeGreaterThan(0);
      expect(row?.framesDecoded).toBe(0);
    }
  });
});
