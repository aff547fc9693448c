// [P28] Automatic topology end to end: a real signal app and headless bots on real WebRTC
// (@roamhq/wrtc), reading frame counters out of decoded video. Run inside a loopback-only
// network namespace: `unshare -n sh -c 'ip link set lo up; npx vitest run'`.
import { LIMIT_PERSIST_MS, STAR_UP_PEERS } from '@meshwork/mesh/plan';
import { describe, expect, it } from 'vitest';
import type { Bot } from '../Bot';
import { FLOWING_FRAMES, useEngineSuite } from '../testing/engineSuite';
import { expectNoMixUps } from '../testing/expectNoMixUps';

const suite = useEngineSuite();
const log = (line: string) => console.info(`[auto] ${line}`);

describe('[P28] automatic topology with bots', () => {
  it('[P28] a new room runs mesh as bots join and switches to star at the threshold; every origin flows', async () => {
    const room = suite.newRoom('auto-grow');
    await room.add(2);
    expect(room.bots[0]?.session.room?.settings.topology).toBe('auto');
    await room.settled('mesh');
    await room.flowing('mesh', FLOWING_FRAMES);
    for (let n = 3; n < STAR_UP_PEERS; n++) {
      await room.add(1);
      await room.settled('mesh');
    }
    await room.flowing('mesh', FLOWING_FRAMES);
    const t0 = Date.now();
    await room.add(1);
    await room.settled('star');
    await room.flowing('star', FLOWING_FRAMES);
    await room.linksMatchPlan();
    expectNoMixUps(room);
    const first = room.bots[0] as Bot;
    expect(first.session.room?.settings.auto).toMatchObject({ topology: 'star', reason: 'large' });
    expect(first.session.plan?.hub).toBe(first.id);
    log(`N=${STAR_UP_PEERS}: star settled and flowing ${Date.now() - t0} ms after the join`);
  });

  it('[P28] a bot that claims cpu limitation turns a room of three to star after the persistence time', async () => {
    const room = suite.newRoom('auto-limit');
    await room.add(3);
    await room.settled('mesh');
    await room.flowing('mesh', FLOWING_FRAMES);
    const [hub, , limited] = room.bots as [Bot, Bot, Bot];
    const t0 = Date.now();
    limited.limit('cpu');
    await room.settled('star', LIMIT_PERSIST_MS + 60_000);
    const waited = Date.now() - t0;
    expect(waited).toBeGreaterThanOrEqual(LIMIT_PERSIST_MS - 100);
    await room.flowing('star', FLOWING_FRAMES);
    expectNoMixUps(room);
    for (const b of room.bots) {
      expect(b.session.room?.settings.auto).toEqual({
        topology: 'star',
        reason: 'limited',
        limitedPeer: limited.id,
        limit: 'cpu',
        hub: 'peer',
      });
    }
    // The limited bot is passed over as hub.
    expect(hub.session.plan?.hub).toBe(hub.id);
    log(`star ${waited} ms after the cpu claim (persistence ${LIMIT_PERSIST_MS} ms)`);
  });
});
