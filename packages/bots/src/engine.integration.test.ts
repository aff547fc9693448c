// End-to-end proof of the engine: a real signal app and headless bots on real WebRTC
// (@roamhq/wrtc), reading frame counters out of decoded video. Run inside a loopback-only
// network namespace: `unshare -n sh -c 'ip link set lo up; npx vitest run'`.
// Timings are printed, never asserted tightly: two shared cores make them noisy.
import { createHash } from 'node:crypto';
import type { Topology } from '@meshwork/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from './Bot';
import { BotRoom, type HopsFn } from './testing/room';
import { startSignal, type TestSignal } from './testing/signal';

const RESUME_SECRET = 'engine-test-resume-secret-0123456789';
const TOPOLOGIES: Topology[] = ['mesh', 'star', 'ring'];
/** Frames each origin must advance by to count as flowing (15 fps: about a second). */
const FLOWING_FRAMES = 15;

let signal: TestSignal;
const rooms: BotRoom[] = [];

function log(line: string): void {
  console.info(`[engine] ${line}`);
}

function newRoom(roomId: string): BotRoom {
  const room = new BotRoom(signal.url, roomId);
  rooms.push(room);
  return room;
}

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

/** Frames from every origin carry that origin's bot index: nothing was routed to the wrong tile. */
function expectNoMixUps(room: BotRoom): void {
  for (const receiver of room.bots) {
    for (const origin of room.bots) {
      if (origin === receiver) continue;
      const s = receiver.stats(origin.id);
      expect(s?.index, `${receiver.name} <- ${origin.name}`).toBe(origin.index);
      expect(s?.foreignFrames).toBe(0);
    }
  }
}

beforeAll(async () => {
  signal = await startSignal({ resumeSecret: RESUME_SECRET });
});

afterEach(async () => {
  await Promise.all(rooms.splice(0).map((r) => r.close()));
});

afterAll(async () => {
  await signal?.close();
});

describe.each(TOPOLOGIES)('%s', (topology) => {
  it(`[E1] 2 to 6 bots: every bot decodes every origin over the planned hops, one peer connection per link`, async () => {
    const room = newRoom(`grow-${topology}`);
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

describe('live topology switch', () => {
  it('[E2] mesh -> star -> ring -> mesh keeps every origin decoding; prints the longest gap per switch', async () => {
    const room = newRoom('switch');
    await room.add(4);
    await room.settled('mesh');
    await room.flowing('mesh', FLOWING_FRAMES);
    const switchMoves: number[] = [];
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
      switchMoves.push(...moves);
      log(
        `switch to ${topology}: committed after ${committedAfter} ms; longest frame gap ` +
          `${gap.ms} ms (${gap.receiver} <- ${origin}); tile moves to a new track so far: ` +
          `${moves.length}, first frame on the new track after max ${Math.max(0, ...moves)} ms; ${room.describeLinks()}`,
      );
      for (const b of room.bots) for (const s of b.allStats()) s.trackSwitchMs.length = 0;
      expectNoMixUps(room);
    }
  });
});

describe('failures', () => {
  it('[E3] the star hub leaves: media returns through the new hub', async () => {
    const room = newRoom('hub-leaves');
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
    const room = newRoom('ring-heals');
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
    const room = newRoom('mesh-link-fails');
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

  it('[E6] the signal app restarts mid-call: media keeps flowing while peers resume', async () => {
    const room = newRoom('restart');
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
    await signal.close();
    await Promise.all(
      room.bots.map((b) =>
        b.waitFor((x) => x.session.status === 'reconnecting', { what: 'reconnecting' }),
      ),
    );
    // With the signal app gone, peer-to-peer media goes on.
    await room.flowing('ring', FLOWING_FRAMES);
    const downGap = room.longestGap();

    signal = await startSignal({ port: signal.port, resumeSecret: RESUME_SECRET });
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
    expectNoMixUps(room);
  });
});

describe('data plane', () => {
  it('[E7] chat exactly once and a 5 MB file with a matching SHA-256 in every topology', async () => {
    const room = newRoom('data');
    await room.add(4);
    await room.settled('mesh');
    const file = new Uint8Array(5 * 1024 * 1024);
    for (let i = 0; i < file.length; i++) file[i] = (i * 2654435761) >>> 24;
    const sha256 = createHash('sha256').update(file).digest('hex');
    for (const [round, topology] of TOPOLOGIES.entries()) {
      await room.bots[0]?.session.setTopology(topology);
      await room.settled(topology);
      await room.flowing(topology, 1);
      const sent = room.bots.map((b) => b.session.sendChat(`hello from ${b.name} in ${topology}`));
      const sender = room.bots[(round + 1) % room.bots.length] as Bot;
      const filesBefore = new Map(room.bots.map((b) => [b, b.files.length]));
      const t0 = Date.now();
      await sender.session.sendFile({
        name: `blob-${topology}.bin`,
        mimeType: 'application/octet-stream',
        data: file,
      });
      await Promise.all(
        room.bots
          .filter((b) => b !== sender)
          .map((b) =>
            b.waitFor((x) => x.files.length > (filesBefore.get(b) ?? 0), {
              timeoutMs: 120_000,
              what: `the ${topology} file`,
            }),
          ),
      );
      const fileMs = Date.now() - t0;
      for (const b of room.bots) {
        await b.waitFor(
          (x) => sent.every((m) => m.origin === x.id || x.chats.some((c) => c.id === m.id)),
          { what: `every ${topology} chat` },
        );
      }
      for (const b of room.bots) {
        for (const m of sent) {
          if (m.origin === b.id) continue;
          expect(
            b.chats.filter((c) => c.id === m.id),
            `${b.name} got ${m.id}`,
          ).toHaveLength(1);
          expect(b.chats.find((c) => c.id === m.id)?.text).toBe(m.text);
        }
        if (b !== sender) {
          const got = b.files.at(-1);
          expect(got?.sha256).toBe(sha256);
          expect(got?.size).toBe(file.length);
          expect(got?.origin).toBe(sender.id);
          expect(
            createHash('sha256')
              .update(got?.data ?? new Uint8Array())
              .digest('hex'),
          ).toBe(sha256);
        }
      }
      log(
        `${topology}: chat delivered once to everyone; 5 MB file from ${sender.name} verified by all in ${fileMs} ms`,
      );
    }
    // Exactly once over the whole run too: no chat id ever arrived twice anywhere.
    for (const b of room.bots) {
      const ids = b.chats.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});
