// Departures and failed links with real bots on real WebRTC, inside a loopback-only namespace.
import { describe, expect, it } from 'vitest';
import type { Bot } from '../Bot';
import { FLOWING_FRAMES, useEngineSuite } from '../testing/engineSuite';
import type { HopsFn } from '../testing/hops';

const suite = useEngineSuite();
const log = (line: string) => console.info(`[engine] ${line}`);

describe('failures', () => {
  it('[E3] the star hub leaves: media returns through the new hub', async () => {
    const room = suite.newRoom('hub-leaves');
    await room.add(4);
    await room.bots[0]?.session.setTopology('star');
    await room.settled('star');
    await room.flowing('star', FLOWING_FRAMES);
    const hubId = room.bots[0]?.session.plan?.hub;
    const hub = room.bots.find((b) => b.id === hubId) as Bot;
    expect(hub).toBeDefined();
    const t0 = Date.now();
    await room.remove(hub);
    await room.settled('star');
    await room.flowing('star', 1);
    const back = Date.now() - t0;
    await room.flowing('star', FLOWING_FRAMES);
    await room.linksMatchPlan();
    expect(room.bots[0]?.session.plan?.hub).not.toBe(hubId);
    log(
      `star hub ${hub.name} left: media back through the new hub after ${back} ms; ${room.describeLinks()}`,
    );
  });

  it('[E4] a ring node leaves: the ring heals', async () => {
    const room = suite.newRoom('ring-heals');
    await room.add(5);
    await room.bots[0]?.session.setTopology('ring');
    await room.settled('ring');
    await room.flowing('ring', FLOWING_FRAMES);
    const leaving = room.bots[2] as Bot;
    const t0 = Date.now();
    await room.remove(leaving);
    await room.settled('ring');
    await room.flowing('ring', FLOWING_FRAMES);
    await room.linksMatchPlan();
    expect(room.bots[0]?.session.plan?.edges).toHaveLength(4);
    log(
      `ring node ${leaving.name} left: healed and flowing after ${Date.now() - t0} ms; ${room.describeLinks()}`,
    );
  });

  it('[E5] a mesh link reported failed is routed through a third peer', async () => {
    const room = suite.newRoom('mesh-link-fails');
    await room.add(3);
    await room.settled('mesh');
    await room.flowing('mesh', FLOWING_FRAMES);
    const [a, b] = room.bots as [Bot, Bot];
    const t0 = Date.now();
    await a.session.reportLinks([{ peer: b.id, state: 'failed' }]);
    const around: HopsFn = (_order, _hub, origin, receiver) =>
      (origin === a.id && receiver === b.id) || (origin === b.id && receiver === a.id) ? 2 : 1;
    await room.settled('mesh');
    await room.flowing(around, FLOWING_FRAMES);
    await room.linksMatchPlan();
    expect(a.session.plan?.links.map((l) => l.peer)).not.toContain(b.id);
    expect(a.stats(b.id)?.route?.path).toHaveLength(3);
    log(
      `mesh link ${a.name}-${b.name} failed: relayed via a third peer after ${Date.now() - t0} ms; ${room.describeLinks()}`,
    );
  });
});
