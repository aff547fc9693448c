import {
  type BotReport,
  frameCounts,
  longestGaps,
  mediaBack,
  NetRoom,
  pairsAmong,
  waitMediaBack,
} from '@meshwork/bots';
import type { Topology } from '@meshwork/protocol';

/** One fault as measured: what happened, when it was noticed, when media was back. */
export interface FaultFigure {
  fault: string;
  /** From the fault until the survivors' plans routed around it (ms), when a plan change is expected. */
  detectionMs: number | null;
  /** Longest gap of any survivor pair after the fault (ms): the time media was out. */
  mediaBackMs: number;
  /** Longest gap of any pair over a quiet window before the fault (ms). */
  steadyGapMs: number;
  /** Whatever else the scenario checks, as text. */
  notes: string;
  ok: boolean;
}

/** How long a scenario may wait for media to come back before it counts as not back. */
export const GIVE_UP_MS = 30_000;
/** Quiet window that measures the steady-state gap. */
export const STEADY_WINDOW_MS = 4_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const all = (n: number) => Array.from({ length: n }, (_, i) => i);

async function settled(n: number, topology: Topology): Promise<NetRoom> {
  const room = await NetRoom.start({ bots: n });
  if (topology !== 'mesh') await room.setTopology(0, topology);
  const ids = room.bots.map((b) => b.peerId);
  await room.until(
    (reps) =>
      reps.every((r) => r.plan?.topology === topology) &&
      mediaBack(reps, [], pairsAmong(all(n), ids)),
    `${topology} with media everywhere`,
    { timeoutMs: 60_000 },
  );
  return room;
}

async function steadyGap(
  room: NetRoom,
  pairs: ReadonlyArray<readonly [number, string]>,
  windowMs = STEADY_WINDOW_MS,
): Promise<number> {
  await room.resetGaps();
  await sleep(windowMs);
  return Math.max(...longestGaps(await room.reports(), pairs));
}

/** Reads only the given bots (others may be dead), as a sparse array by bot index. */
function readOf(room: NetRoom, survivors: readonly number[]) {
  return async (): Promise<BotReport[]> => {
    const out: BotReport[] = [];
    await Promise.all(survivors.map(async (i) => (out[i] = await room.report(i))));
    return out;
  };
}

/** Polls until every survivor's plan says `done`; the time since `since`, or null. */
async function planTime(
  room: NetRoom,
  survivors: readonly number[],
  done: (r: BotReport) => boolean,
  since: number,
): Promise<number | null> {
  for (;;) {
    const reps = await readOf(room, survivors)();
    if (survivors.every((i) => reps[i] && done(reps[i] as BotReport))) return Date.now() - since;
    if (Date.now() - since > GIVE_UP_MS) return null;
    await sleep(50);
  }
}

/** A star's hub SIGKILLed (socket closes at once, as when its tab crashes). */
export function hubCrash(): Promise<FaultFigure> {
  return hubFailure('hub tab crash (star of 4, socket closes)', 1_000, (room) => room.crashBot(0));
}

/** A star's hub cut off (device down, nothing closed). */
export function hubCut(): Promise<FaultFigure> {
  return hubFailure('hub cut (star of 4, no socket close)', 3_000, (room) => room.cut(0));
}

/**
 * A star of four whose hub (bot 0) meets `fault`: how long until the leaves' plan names a new
 * hub, and the longest gap between the leaves until media is back, against `boundMs`.
 */
async function hubFailure(
  fault: string,
  boundMs: number,
  inject: (room: Awaited<ReturnType<typeof settled>>) => Promise<unknown>,
): Promise<FaultFigure> {
  const room = await settled(4, 'star');
  try {
    const ids = room.bots.map((b) => b.peerId);
    const leaves = [1, 2, 3];
    const pairs = pairsAmong(leaves, ids);
    const steady = await steadyGap(room, pairs);
    const base = frameCounts(await room.reports());
    await room.resetGaps();
    const at = Date.now();
    await inject(room);
    const detection = planTime(room, leaves, (r) => r.plan?.hub === ids[1], at);
    const last = await waitMediaBack(readOf(room, leaves), base, pairs, at, GIVE_UP_MS);
    const back = Math.max(...longestGaps(last, pairs));
    const newHub = last[1]?.plan?.hub === ids[1] ? 'Bot 2' : '?';
    return {
      fault,
      detectionMs: await detection,
      mediaBackMs: back,
      steadyGapMs: steady,
      notes: `new hub ${newHub}; the failed hub kept in the order: ${last[1]?.plan?.order.includes(ids[0] as string)}`,
      ok: mediaBack(last, base, pairs) && back <= boundMs,
    };
  } finally {
    await room.close();
  }
}

/** A relay of a ring of 5 cut: its two neighbours must link and carry everything. */
export async function ringRelayCut(): Promise<FaultFigure> {
  const room = await settled(5, 'ring');
  try {
    const ids = room.bots.map((b) => b.peerId);
    const survivors = [0, 2, 3, 4];
    const pairs = pairsAmong(survivors, ids);
    const steady = await steadyGap(room, pairs);
    const base = frameCounts(await room.reports());
    await room.resetGaps();
    const at = Date.now();
    await room.cut(1);
    // Healed when no survivor's plan routes anything through the cut relay.
    const cut = ids[1] as string;
    const healed = (r: BotReport) =>
      r.plan !== null && Object.values(r.plan.paths).every((p) => !p.slice(1, -1).includes(cut));
    const detection = planTime(room, survivors, healed, at);
    const last = await waitMediaBack(readOf(room, survivors), base, pairs, at, GIVE_UP_MS);
    const back = Math.max(...longestGaps(last, pairs));
    return {
      fault: 'ring relay cut (ring of 5)',
      detectionMs: await detection,
      mediaBackMs: back,
      steadyGapMs: steady,
      notes: '',
      ok: mediaBack(last, base, pairs) && back <= 3_000,
    };
  } finally {
    await room.close();
  }
}

/** Time a cut lasts in `cutRestore` (under the 10 s of the figure, past the restart start). */
export const SHORT_CUT_MS = 8_000;

/** A mesh peer cut for 8 s and restored: same id, same peer connections, other links untouched. */
export async function cutRestore(): Promise<FaultFigure> {
  const room = await settled(4, 'mesh');
  try {
    const ids = room.bots.map((b) => b.peerId);
    const everyone = all(4);
    const pairs = pairsAmong(everyone, ids);
    const steady = await steadyGap(room, pairs);
    const before = await room.reports();
    await room.cut(3);
    await sleep(SHORT_CUT_MS);
    const atRestore = await room.reports();
    const base = frameCounts(atRestore);
    await room.resetGaps();
    const at = Date.now();
    await room.restore(3);
    const last = await waitMediaBack(readOf(room, everyone), base, pairs, at, GIVE_UP_MS);
    // The gaps of the cut peer's pairs began at the cut: what is left after the restore counts.
    const openAt = (i: number, o: string) =>
      atRestore[i]?.origins.find((x) => x.origin === o)?.openGapMs ?? 0;
    const samePcs = last.every(
      (r, i) => r.peerConnectionsCreated === before[i]?.peerConnectionsCreated,
    );
    const sameIds = last.every((r, i) => r.peerId === before[i]?.peerId);
    const otherLinks = last
      .slice(0, 3)
      .flatMap((r) => r.linkLog.filter((l) => l.at >= at - SHORT_CUT_MS && l.peer !== ids[3]));
    const cutPairs = pairs.filter(([i, o]) => i === 3 || o === ids[3]);
    const gaps = longestGaps(last, cutPairs);
    const back = Math.max(...cutPairs.map(([i, o], k) => (gaps[k] ?? 0) - openAt(i, o)));
    return {
      fault: `peer cut ${SHORT_CUT_MS / 1000} s and restored (mesh of 4); media back after the restore`,
      detectionMs: null,
      mediaBackMs: back,
      steadyGapMs: steady,
      notes: `same id: ${sameIds}; same peer connections: ${samePcs}; other links' state changes: ${otherLinks.length}`,
      ok: mediaBack(last, base, pairs) && samePcs && sameIds && otherLinks.length === 0,
    };
  } finally {
    await room.close();
  }
}

/** How long the signal app stays dead in `signalRestart`. */
export const SIGNAL_DOWN_MS = 3_000;
/** The window `signalRestart` measures over, and its quiet window before. */
export const SIGNAL_WINDOW_MS = 12_000;

/** The signal app SIGKILLed and restarted: media must not notice. */
export async function signalRestart(): Promise<FaultFigure> {
  const room = await settled(4, 'star');
  try {
    const ids = room.bots.map((b) => b.peerId);
    const everyone = all(4);
    const pairs = pairsAmong(everyone, ids);
    // The restart window is about 12 s (3 s down, reconnects, then 4 s): the same length of quiet.
    const steady = await steadyGap(room, pairs, SIGNAL_WINDOW_MS);
    await room.resetGaps();
    const at = Date.now();
    await room.killSignal();
    await sleep(SIGNAL_DOWN_MS);
    await room.startSignal();
    const rejoined = await room.until(
      (reps) => reps.every((r) => r.status === 'joined' && r.plan !== null),
      'every bot back on the new signal app',
      { timeoutMs: GIVE_UP_MS },
    );
    await sleep(Math.max(0, SIGNAL_WINDOW_MS - (Date.now() - at)));
    const last = await room.reports();
    const gap = Math.max(...longestGaps(last, pairs));
    const sameIds = rejoined.every((r, i) => r.peerId === ids[i]);
    return {
      fault: `signal app SIGKILL, ${SIGNAL_DOWN_MS / 1000} s down, restart (star of 4)`,
      detectionMs: Date.now() - at,
      mediaBackMs: gap,
      steadyGapMs: steady,
      notes: `same ids after the restart: ${sameIds}; longest gap over ${(Date.now() - at) / 1000} s`,
      // "No media gap beyond the steady-state frame gap": the longest gap across the restart is
      // no longer than the longest of an equally long quiet window, give or take one frame.
      ok: sameIds && gap <= steady + 1000 / 15,
    };
  } finally {
    await room.close();
  }
}

/** Loss on every link, then a topology switch: the switch completes, gaps stay bounded. */
export async function lossSwitch(percent = 5): Promise<FaultFigure> {
  const room = await settled(4, 'mesh');
  try {
    const ids = room.bots.map((b) => b.peerId);
    const everyone = all(4);
    const pairs = pairsAmong(everyone, ids);
    await Promise.all(everyone.map((i) => room.loss(i, percent)));
    const steady = await steadyGap(room, pairs);
    await room.resetGaps();
    const at = Date.now();
    await room.setTopology(0, 'star');
    const switched = await planTime(room, everyone, (r) => r.plan?.topology === 'star', at);
    await sleep(STEADY_WINDOW_MS);
    const last = await room.reports();
    const gap = Math.max(...longestGaps(last, pairs));
    return {
      fault: `${percent} % loss on every link, mesh -> star`,
      detectionMs: switched,
      mediaBackMs: gap,
      steadyGapMs: steady,
      notes: `switch committed at every bot after ${switched} ms`,
      ok: switched !== null && gap <= 2 * steady,
    };
  } finally {
    await room.close();
  }
}
