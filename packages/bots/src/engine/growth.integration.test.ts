// End-to-end proof of the engine as rooms grow: a real signal app and headless bots on real
// WebRTC (@roamhq/wrtc), reading frame counters out of decoded video. Run inside a loopback-only
// network namespace: `unshare -n sh -c 'ip link set lo up; npx vitest run'`.
import type { Topology } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import type { Bot } from '../Bot';
import { FLOWING_FRAMES, TOPOLOGIES, useEngineSuite } from '../testing/engineSuite';
import { expectNoMixUps } from '../testing/expectNoMixUps';
import type { BotRoom } from '../testing/room';

const suite = useEngineSuite();
const log = (line: string) => console.info(`[engine] ${line}`);

/** Adds one bot and returns how long until it and the room see each other's frames. */
async function growTo(room: BotRoom, topology: Topology): Promise<number> {
  const t0 = Date.now();
  const [bot] = await room.add(1);
  const newcomer = bot as Bot;
  const others = room.bots.filter((b) => b !== newcomer);
  await Promise.all([
    newcomer.waitFor((b) => others.every((o) => (b.stats(o.id)?.framesDecoded ?? 0) > 0), {
      what: 'first frames from everyone',
    }),
    ...others.map((o) =>
      o.waitFor((b) => (b.stats(newcomer.id)?.framesDecoded ?? 0) > 0, {
        what: `first frames from ${newcomer.name}`,
      }),
    ),
  ]);
  const firstFrames = Date.now() - t0;
  await room.settled(topology);
  await room.flowing(topology, FLOWING_FRAMES);
  await room.linksMatchPlan();
  return firstFrames;
}

describe.each(TOPOLOGIES)('%s', (topology) => {
  it(`[E1] 2 to 6 bots: every bot decodes every origin over the planned hops, one peer connection per link`, async () => {
    const room = suite.newRoom(`grow-${topology}`);
    await room.add(1);
    await room.bots[0]?.session.setTopology(topology);
    for (let n = 2; n <= 6; n++) {
      const firstFrames = await growTo(room, topology);
      expectNoMixUps(room);
      const links = room.bots.map((b) => b.openPeerConnections);
      const edges = room.bots[0]?.session.plan?.edges.length ?? 0;
      expect(links.reduce((a, b) => a + b, 0)).toBe(2 * edges);
      const want =
        topology === 'mesh' ? (n * (n - 1)) / 2 : topology === 'star' ? n - 1 : n === 2 ? 1 : n;
      expect(edges).toBe(want);
      const latency = room.bots
        .flatMap((b) => b.allStats().map((s) => s.latencyMs ?? 0))
        .sort((x, y) => x - y);
      const median = latency[Math.floor(latency.length / 2)] ?? 0;
      log(
        `${topology} N=${n}: first frames both ways ${firstFrames} ms; peer connections per bot ` +
          `[${links.join(',')}]; send-to-decode latency now median ${median} ms, max ${latency.at(-1) ?? 0} ms; ${room.describeLinks()}`,
      );
    }
  });
});
