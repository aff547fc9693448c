// A star through the media hub with real wrtc bots, inside a loopback-only namespace.
import { describe, expect, it } from 'vitest';
import { committed, FLOWING_FRAMES, logWhatArrived, until, useHubSuite } from '../testing/hubSuite';

const suite = useHubSuite();
const log = (line: string) => console.info(`[hub] ${line}`);

describe('media hub', () => {
  it('[P24][R17] a star through the server: every bot decodes every origin over origin > server > bot; the hub forwarded each origin and decoded nothing', async () => {
    const room = suite.newRoom('star-hub');
    await room.add(3);
    await until(
      () => suite.hub.room('star-hub')?.session.status === 'joined',
      20_000,
      'the hub to join',
    );
    const hubRoom = suite.hub.room('star-hub');
    const hubId = hubRoom?.session.selfId ?? '';
    // Idle in a mesh: the people link among themselves.
    await committed(room, 'mesh', null);
    await room.flowing('mesh', FLOWING_FRAMES);
    expect(room.bots[0]?.session.plan?.order).not.toContain(hubId);

    await room.bots[0]?.session.setTopology('star');
    await committed(room, 'star', hubId);
    await room.flowing(() => 2, FLOWING_FRAMES);
    for (const receiver of room.bots) {
      for (const origin of room.bots) {
        if (origin === receiver) continue;
        expect(receiver.stats(origin.id)?.route?.path).toEqual([origin.id, hubId, receiver.id]);
      }
    }
    // The people see what the server carries ([P24]): its load arrives in their room view.
    const shownLoad = () =>
      room.bots[0]?.session.room?.peers.find((p) => p.id === hubId)?.capacity.hubLoad;
    await until(() => (shownLoad()?.streams ?? 0) > 0, 20_000, 'the hub load in the room view');
    expect(shownLoad()).toMatchObject({ maxStreams: 400 });
    const stats = hubRoom?.stats();
    log(`counters: ${JSON.stringify(stats?.origins)}`);
    expect(stats?.isHub).toBe(true);
    for (const origin of room.bots) {
      const row = stats?.origins.find((o) => o.origin === origin.id);
      // Forwarded to both other bots: at least twice what arrived minus what came before links.
      expect(row?.packetsForwarded).toBeGreaterThan(0);
      expect(row?.packetsForwarded ?? 0).toBeGreaterThan(row?.packetsReceived ?? 0);
      expect(row?.framesDecoded).toBe(0);
      expect(row?.framesEncoded).toBe(0);
    }
  });
});

describe('live switches through the server hub', () => {
  it('[P24][R17] mesh -> star (server) -> ring -> star (server) keeps every origin decoding; prints the longest gap per switch', async () => {
    const room = suite.newRoom('hub-switch');
    await room.add(4);
    await until(() => suite.hub.room('hub-switch')?.session.status === 'joined', 20_000, 'the hub');
    const hubId = suite.hub.room('hub-switch')?.session.selfId ?? '';
    await committed(room, 'mesh', null);
    await room.flowing('mesh', FLOWING_FRAMES);
    for (const topology of ['star', 'ring', 'star'] as const) {
      room.resetGaps();
      const t0 = Date.now();
      await room.bots[1]?.session.setTopology(topology);
      await committed(room, topology, topology === 'star' ? hubId : null);
      const committedAfter = Date.now() - t0;
      try {
        await room.flowing(topology === 'star' ? () => 2 : 'ring', FLOWING_FRAMES, 20_000);
      } catch (e) {
        await logWhatArrived(room, suite.hub, 'hub-switch', log);
        throw e;
      }
      const gap = room.longestGap();
      log(
        `switch to ${topology}${topology === 'star' ? ' (server)' : ''}: committed after ` +
          `${committedAfter} ms, longest frame gap ${gap.ms} ms (${gap.receiver} <- ${room.bots.find((b) => b.id === gap.origin)?.name}); ${room.describeLinks()}`,
      );
      // A tile frozen until links are rebuilt goes far past this; a live switch stays well inside.
      expect(gap.ms, `longest frame gap switching to ${topology}`).toBeLessThan(3_000);
    }
    const origins = suite.hub.room('hub-switch')?.stats().origins ?? [];
    expect(origins.map((o) => o.framesDecoded)).toEqual(origins.map(() => 0));
  });
});

describe('keyframe requests through the hub', () => {
  it('[P24] a newcomer in a star through the server gets every origin decoding: its keyframe requests went up to each origin through the hub', async () => {
    const room = suite.newRoom('hub-keyframes');
    await room.add(2);
    await until(
      () => suite.hub.room('hub-keyframes')?.session.status === 'joined',
      20_000,
      'the hub',
    );
    const hubRoom = suite.hub.room('hub-keyframes');
    const hubId = hubRoom?.session.selfId ?? '';
    await room.bots[0]?.session.setTopology('star');
    await committed(room, 'star', hubId);
    await room.flowing(() => 2, FLOWING_FRAMES);
    const before = new Map(hubRoom?.stats().origins.map((o) => [o.origin, o.keyframeRequestsSent]));
    const [newcomer] = await room.add(1);
    await committed(room, 'star', hubId);
    await room.flowing(() => 2, FLOWING_FRAMES);
    const after = hubRoom?.stats().origins ?? [];
    log(
      `keyframe requests sent upstream per origin: ${JSON.stringify(after.map((o) => [o.origin, o.keyframeRequestsReceived, o.keyframeRequestsSent]))}`,
    );
    for (const origin of room.bots.slice(0, 2)) {
      const row = after.find((o) => o.origin === origin.id);
      expect(row?.keyframeRequestsSent ?? 0).toBeGreaterThan(before.get(origin.id) ?? 0);
      expect(newcomer?.stats(origin.id)?.framesDecoded ?? 0).toBeGreaterThanOrEqual(FLOWING_FRAMES);
    }
  });
});

describe('joins in a burst into a star through the hub', () => {
  it('[P24][R17] three bots joining back to back into a star of two through the server: every origin decodes at every bot', async () => {
    const room = suite.newRoom('hub-burst');
    await room.add(2);
    await until(() => suite.hub.room('hub-burst')?.session.status === 'joined', 20_000, 'the hub');
    const hubId = suite.hub.room('hub-burst')?.session.selfId ?? '';
    await room.bots[0]?.session.setTopology('star');
    await committed(room, 'star', hubId);
    await room.flowing(() => 2, FLOWING_FRAMES);
    // Back to back: each newcomer's offer of its camera may cross the hub's offer of the others.
    await room.add(3);
    await committed(room, 'star', hubId);
    try {
      await room.flowing(() => 2, FLOWING_FRAMES, 30_000);
    } catch (e) {
      await logWhatArrived(room, suite.hub, 'hub-burst', log);
      throw e;
    }
    for (const receiver of room.bots) {
      for (const origin of room.bots) {
        if (origin === receiver) continue;
        expect(receiver.stats(origin.id)?.route?.path).toEqual([origin.id, hubId, receiver.id]);
      }
    }
  });
});
