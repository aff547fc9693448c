// A signal app restart mid-call with real bots on real WebRTC, inside a loopback-only namespace.
import { describe, expect, it } from 'vitest';
import { FLOWING_FRAMES, MAX_FRAME_GAP_MS, useEngineSuite } from '../testing/engineSuite';
import { expectNoMixUps } from '../testing/expectNoMixUps';

const suite = useEngineSuite();
const log = (line: string) => console.info(`[engine] ${line}`);

describe('failures', () => {
  it(`[E6] the signal app restarts mid-call: media keeps flowing, never stopping ${MAX_FRAME_GAP_MS} ms, while peers resume`, async () => {
    const room = suite.newRoom('restart');
    await room.add(4);
    await room.bots[0]?.session.setTopology('ring');
    await room.settled('ring');
    await room.flowing('ring', FLOWING_FRAMES);
    const ids = room.bots.map((b) => b.id);
    const createdBefore = room.bots.map((b) => b.peerConnectionsCreated);
    const epochsBefore = JSON.stringify(room.bots[0]?.session.plan?.links);
    const planVersions: number[] = [];
    room.bots[0]?.session.on('planChanged', ({ plan, committed }) => {
      if (committed) planVersions.push(plan.version);
    });
    room.resetGaps();

    const t0 = Date.now();
    await suite.stopSignal();
    await Promise.all(
      room.bots.map((b) =>
        b.waitFor((x) => x.session.status === 'reconnecting', { what: 'reconnecting' }),
      ),
    );
    // With the signal app gone, peer-to-peer media goes on.
    await room.flowing('ring', FLOWING_FRAMES);
    const downGap = room.longestGap();

    await suite.restartSignal();
    const t1 = Date.now();
    await Promise.all(
      room.bots.map((b) => b.waitFor((x) => x.session.status === 'joined', { what: 'resumed' })),
    );
    const resumed = Date.now() - t1;
    expect(room.bots.map((b) => b.id)).toEqual(ids);
    await room.settled('ring');
    await room.flowing('ring', FLOWING_FRAMES);
    await room.linksMatchPlan();
    const gap = room.longestGap();
    const rebuilt = room.bots.reduce(
      (n, b, i) => n + b.peerConnectionsCreated - (createdBefore[i] ?? 0),
      0,
    );
    log(
      `signal app restart: down ${t1 - t0} ms (longest gap while down ${downGap.ms} ms), all resumed ` +
        `${resumed} ms after restart; longest frame gap over the whole restart ${gap.ms} ms; ` +
        `${rebuilt} peer connections rebuilt; ${room.describeLinks()}`,
    );
    log(
      `restart: Bot 0 links before ${epochsBefore}, after ${JSON.stringify(room.bots[0]?.session.plan?.links)}; plans committed while resuming: ${planVersions.join(',')}`,
    );
    // Resume hints rebuild the room with the same link lives: nothing renegotiates (SPEC [P9]).
    expect(rebuilt).toBe(0);
    expect(room.bots[0]?.session.plan?.links).toEqual(JSON.parse(epochsBefore));
    expect(downGap.ms, 'longest frame gap while the signal app was down').toBeLessThan(
      MAX_FRAME_GAP_MS,
    );
    expect(gap.ms, 'longest frame gap over the whole restart').toBeLessThan(MAX_FRAME_GAP_MS);
    expectNoMixUps(room);
  });
});
