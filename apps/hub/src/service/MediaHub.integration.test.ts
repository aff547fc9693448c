// A star through the media hub with real wrtc bots, inside a loopback-only namespace.
import { describe, expect, it } from 'vitest';
import { committed, FLOWING_FRAMES, useHubSuite, until } from '../testing/hubSuite';

const suite = useHubSuite();
const log = (line: string) => console.info(`[hub] ${line}`);

describe('media hub', () => {
  it('[P22][R15] a star through the server: every bot decodes every origin over origin > server > bot; the hub forwarded each origin and decoded nothing', async () => {
    const room = suite.newRoom('star-hub');
    await room.add(3);
    await until(() => suite.hub.room('star-hub')?.session.status === 'joined', 20_000, 'the hub to join');
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
