import type { Topology } from '@meshwork/protocol';
import type { Browser } from 'playwright-core';
import { linearFit, median, round } from '../lib/stats';
import { type SwitchProfile, switchProfile } from '../lib/switchProfile';
import { allDecoding, CAMERA, PeerPage, WAIT_TIMEOUT_MS, waitUntil } from './harness';
import type { PageEvent, TimingMark } from './page/api';

/** Topologies in the order they are reported. */
export const TOPOLOGIES: readonly Topology[] = ['mesh', 'star', 'ring'];

let roomSeq = 0;
function freshRoom(prefix: string): string {
  roomSeq += 1;
  return `${prefix}-${process.pid}-${roomSeq}`;
}

async function openPeers(browser: Browser, url: string, n: number, stamped = false) {
  const camera = stamped ? { ...CAMERA, source: 'stamped' as const } : CAMERA;
  return Promise.all(Array.from({ length: n }, (_, i) => PeerPage.open(browser, url, i, camera)));
}

async function closeAll(peers: readonly PeerPage[]): Promise<void> {
  await Promise.all(peers.map((p) => p.close()));
}

/** Joins peers one by one (the first sets the topology) and waits until all decode all. */
async function formRoom(peers: readonly PeerPage[], roomId: string, topology: Topology) {
  for (const [i, p] of peers.entries()) {
    await p.join(roomId);
    if (i === 0 && topology !== 'mesh') await p.call('api.setTopology(arg)', topology);
  }
  await waitUntil(`${peers.length} peers decoding each other`, () => allDecoding(peers));
}

/** One first-frame sample and the signals the join took. */
export interface FirstFrameSample {
  ms: number;
  signals: number;
  /** Breakdown from the join call: ack received, last remote stream announced (ms). */
  joinedMs: number;
  streamsMs: number;
}

/**
 * N-1 peers form a room and decode each other; then the last joins. The sample is the time from
 * its `join()` call to the moment every page has decoded a frame of every other origin (frame
 * times are taken inside the pages), plus the signals all peers sent meanwhile.
 */
export async function firstFrameOnce(
  browser: Browser,
  url: string,
  topology: Topology,
  n: number,
): Promise<FirstFrameSample> {
  const peers = await openPeers(browser, url, n);
  try {
    const roomId = freshRoom(`ff-${topology}-${n}`);
    const early = peers.slice(0, -1);
    const last = peers[peers.length - 1] as PeerPage;
    if (early.length > 0) await formRoom(early, roomId, topology);
    const signalsBefore = await sumSignals(peers);
    const joinedAt = await last.join(roomId);
    await waitUntil('every page decoding the last joiner', () => allDecoding(peers));
    let end = joinedAt;
    for (const p of peers) {
      for (const f of await p.frames()) {
        const fromLast = f.origin === last.selfId;
        if ((p === last || fromLast) && f.firstAt !== null) end = Math.max(end, f.firstAt);
      }
    }
    const signals = (await sumSignals(peers)) - signalsBefore;
    const joined = (await last.events()).find((e) => e.type === 'joined')?.at ?? joinedAt;
    let streams = joinedAt;
    for (const p of peers) {
      for (const e of await p.events()) {
        const relevant = p === last || e.origin === last.selfId;
        if (e.type === 'stream' && relevant && e.at >= joinedAt) streams = Math.max(streams, e.at);
      }
    }
    return {
      ms: round(end - joinedAt, 1),
      signals,
      joinedMs: round(joined - joinedAt, 1),
      streamsMs: round(streams - joinedAt, 1),
    };
  } finally {
    await closeAll(peers);
  }
}

async function sumSignals(peers: readonly PeerPage[]): Promise<number> {
  let total = 0;
  for (const p of peers) total += await p.call<number>('api.signalsSent()');
  return total;
}

/** One live switch. */
export interface SwitchSample {
  ms: number;
  maxGapMs: number;
  /** Where the switch spent its time, from the mesh's timing marks. */
  profile: SwitchProfile;
}

/** Ordered pairs covered by the chain mesh -> star -> ring -> mesh -> ring -> star -> mesh. */
export const SWITCH_CHAIN: readonly Topology[] = [
  'mesh',
  'star',
  'ring',
  'mesh',
  'ring',
  'star',
  'mesh',
];
/** How long frames are still watched after the commit: old links close then. */
export const SWITCH_SETTLE_MS = 1_500;

function committedAt(
  events: readonly PageEvent[],
  topology: Topology,
  after: number,
): number | null {
  const e = events.find((x) => x.type === 'committed' && x.topology === topology && x.at >= after);
  return e ? e.at : null;
}

/**
 * N peers in one room switch topology along SWITCH_CHAIN. Per switch: `ms` from the request to
 * the last page's commit, and the longest interval between decoded frames of any origin at any
 * page, from the request until SWITCH_SETTLE_MS after the commit.
 */
export async function switchChain(
  browser: Browser,
  url: string,
  n: number,
): Promise<{ switches: Record<string, SwitchSample>; steadyMaxGapMs: number }> {
  const peers = await openPeers(browser, url, n);
  const out: Record<string, SwitchSample> = {};
  let steadyMaxGapMs = 0;
  try {
    const first = SWITCH_CHAIN[0] as Topology;
    await formRoom(peers, freshRoom('switch'), first);
    const driver = peers[0] as PeerPage;
    // The same window with no switch: frame gaps the machine causes on its own.
    for (const p of peers) await p.call('api.resetGaps()');
    await new Promise((r) => setTimeout(r, SWITCH_SETTLE_MS + 500));
    steadyMaxGapMs = await longestGap(peers, null);
    for (let i = 1; i < SWITCH_CHAIN.length; i++) {
      const from = SWITCH_CHAIN[i - 1] as Topology;
      const to = SWITCH_CHAIN[i] as Topology;
      for (const p of peers) await p.call('api.resetGaps()');
      const requested = await driver.call<number>('api.setTopology(arg)', to);
      let commits: number[] = [];
      await waitUntil(
        `every peer committing ${to}`,
        async () => {
          commits = [];
          for (const p of peers) {
            const at = committedAt(await p.events(), to, requested);
            if (at === null) return false;
            commits.push(at);
          }
          return true;
        },
        WAIT_TIMEOUT_MS,
      );
      await new Promise((r) => setTimeout(r, SWITCH_SETTLE_MS));
      const maxGap = await longestGap(peers, requested);
      const key = `${from}->${to}`;
      const committed = Math.max(...commits);
      const marks = await Promise.all(
        peers.map((p) => p.call<TimingMark[]>('api.marks(arg)', requested)),
      );
      const profile = switchProfile(marks, requested, committed);
      out[key] = { ms: round(committed - requested, 1), maxGapMs: round(maxGap, 1), profile };
      console.info(
        `  switch ${key}: ${out[key]?.ms} ms, longest frame gap ${out[key]?.maxGapMs} ms; ` +
          `prepared ${profile.preparedMs}, links up ${profile.linksConnectedMs} (${profile.linksOpened}), ` +
          `decoding ${profile.decodedMs} (${profile.deadlines} by deadline), ready ${profile.readyMs} ` +
          `(slowest prepare->ready ${profile.slowestReadyAfterPrepareMs}), committed ${profile.committedMs} ms`,
      );
    }
  } finally {
    await closeAll(peers);
  }
  return { switches: out, steadyMaxGapMs: round(steadyMaxGapMs, 1) };
}

/** Longest frame gap of any origin at any page since the last resetGaps, still-open gaps included. */
async function longestGap(peers: readonly PeerPage[], windowStart: number | null): Promise<number> {
  let maxGap = 0;
  for (const p of peers) {
    const nowAt = await p.call<number>('api.now()');
    for (const f of await p.frames()) {
      const open = f.lastAt === null ? nowAt - (windowStart ?? nowAt) : nowAt - f.lastAt;
      maxGap = Math.max(maxGap, f.maxGapMs, open);
    }
  }
  return maxGap;
}

/** Ring latency by hop count and the added latency per relay hop. */
export interface RingHopResult {
  ringHopMs: number;
  latencyByHopsMs: Record<string, number>;
  n: number;
}

/** How long stamped frames are collected once every page decodes every origin. */
export const RING_SAMPLE_MS = 4_000;

/**
 * N peers in a ring send canvas frames carrying the bots' frame code (counter and send time).
 * Each page reads the stamp of every decoded frame: send-to-decode latency per (receiver,
 * origin), grouped by the route's hop count. The per-hop cost is the slope of the median
 * latency over hop count (least squares over all receiver/origin pairs).
 */
export async function ringHop(browser: Browser, url: string, n: number): Promise<RingHopResult> {
  const peers = await openPeers(browser, url, n, true);
  try {
    await formRoom(peers, freshRoom('ring'), 'ring');
    // Let every relay settle past its first keyframes before sampling.
    await new Promise((r) => setTimeout(r, 1_000));
    for (const p of peers) await p.call('api.resetGaps()');
    await new Promise((r) => setTimeout(r, RING_SAMPLE_MS));
    const points: Array<{ x: number; y: number }> = [];
    const byHops = new Map<number, number[]>();
    for (const p of peers) {
      for (const f of await p.frames()) {
        if (f.latencies.length < 10) continue;
        const m = median(f.latencies);
        points.push({ x: f.hops, y: m });
        byHops.set(f.hops, [...(byHops.get(f.hops) ?? []), m]);
      }
    }
    const fit = linearFit(points);
    if (!fit) throw new Error('ring latencies have a single hop count; need N >= 4');
    const latencyByHopsMs: Record<string, number> = {};
    for (const [hops, values] of [...byHops.entries()].sort((a, b) => a[0] - b[0])) {
      latencyByHopsMs[String(hops)] = round(median(values), 1);
    }
    return { ringHopMs: round(fit.slope, 1), latencyByHopsMs, n };
  } finally {
    await closeAll(peers);
  }
}

/** Per-topology video uplink of each peer in a steady room, hub (or relays) vs leaves. */
export interface UplinkSample {
  topology: Topology;
  n: number;
  /** kbit/s of video RTP sent by each peer, in join order. */
  perPeerKbps: number[];
}

/** Measures each peer's video uplink over a steady window. */
export async function uplink(
  browser: Browser,
  url: string,
  topology: Topology,
  n: number,
  windowMs: number,
): Promise<UplinkSample> {
  const peers = await openPeers(browser, url, n);
  try {
    await formRoom(peers, freshRoom(`up-${topology}-${n}`), topology);
    await new Promise((r) => setTimeout(r, 1_000));
    const before = await Promise.all(
      peers.map((p) => p.call<{ at: number; bytes: number }>('api.bytesSent()')),
    );
    await new Promise((r) => setTimeout(r, windowMs));
    const after = await Promise.all(
      peers.map((p) => p.call<{ at: number; bytes: number }>('api.bytesSent()')),
    );
    const perPeerKbps = after.map((a, i) => {
      const b = before[i] as { at: number; bytes: number };
      return round(((a.bytes - b.bytes) * 8) / (a.at - b.at), 0);
    });
    return { topology, n, perPeerKbps };
  } finally {
    await closeAll(peers);
  }
}
