// A live topology switch with real bots on real WebRTC, inside a loopback-only namespace.
import { describe, expect, it } from 'vitest';
import { FLOWING_FRAMES, MAX_FRAME_GAP_MS, useEngineSuite } from '../testing/engineSuite';
import { expectNoMixUps } from '../testing/expectNoMixUps';

const suite = useEngineSuite();
const log = (line: string) => console.info(`[engine] ${line}`);

describe('live topology switch', () => {
  it(`[E2] mesh -> star -> ring -> mesh keeps every origin decoding, no frame gap reaching ${MAX_FRAME_GAP_MS} ms; prints the longest gap per switch`, async () => {
    const room = suite.newRoom('switch');
    await room.add(4);
    await room.settled('mesh');
    await room.flowing('mesh', FLOWING_FRAMES);
    for (const topology of ['star', 'ring', 'mesh'] as const) {
      room.resetGaps();
      const t0 = Date.now();
      await room.bots[1]?.session.setTopology(topology);
      await room.settled(topology);
      const committedAfter = Date.now() - t0;
      await room.flowing(topology, FLOWING_FRAMES);
      await room.linksMatchPlan();
      const gap = room.longestGap();
      const origin = room.bots.find((b) => b.id === gap.origin)?.name ?? gap.origin;
      const moves = room.bots.flatMap((b) => b.allStats().flatMap((s) => s.trackSwitchMs));
      log(
        `switch to ${topology}: committed after ${committedAfter} ms; longest frame gap ` +
          `${gap.ms} ms (${gap.receiver} <- ${origin}); tile moves to a new track so far: ` +
          `${moves.length}, first frame on the new track after max ${Math.max(0, ...moves)} ms; ${room.describeLinks()}`,
      );
      for (const b of room.bots) for (const s of b.allStats()) s.trackSwitchMs.length = 0;
      expectNoMixUps(room);
      expect(gap.ms, `longest frame gap switching to ${topology}`).toBeLessThan(MAX_FRAME_GAP_MS);
    }
  });
});
