import type { Topology } from '@meshwork/protocol';
import type { BotReport } from '../netroom/messages';
import { type BotRequestBody, describeExit, NetRoom } from '../netroom/NetRoom';
import {
  frameCounts,
  longestGaps,
  mediaBack,
  pairsAmong,
  waitMediaBack,
} from '../netroom/recovery';
import { type ChaosFault, describeFault, nextFault, seededRandom } from './faults';
import {
  crashesAndMixups,
  duplicateChats,
  heapFlat,
  isNativeCrash,
  missingChat,
  type Violation,
} from './invariants';

/** How a chaos run goes. */
export interface ChaosOptions {
  bots: number;
  durationMs: number;
  seed: number;
  /** Every present bot must decode every present origin again within this after a fault. */
  mediaBoundMs?: number;
  /** Called with each finished row (the CLI prints it at once). */
  onRow?: (row: ChaosRow) => void;
}

/** One fault of the run. */
export interface ChaosRow {
  at: number;
  fault: string;
  /** From the fault until every present bot had a new plan (ms); null when none was needed. */
  detectionMs: number | null;
  /** From the fault (or the restore that ended it) until media was back everywhere (ms). */
  mediaBackMs: number | null;
  /** Longest gap of any present pair over the fault (ms). */
  longestGapMs: number;
  violations: Violation[];
  /** Bots whose process a fatal signal ended during this row (see `ChaosResult.nativeCrashes`). */
  nativeCrashes: string[];
}

/** What a chaos run found. */
export interface ChaosResult {
  rows: ChaosRow[];
  violations: Violation[];
  /**
   * Bot processes a fatal signal ended (SIGSEGV, SIGABRT...: `@roamhq/wrtc`'s native code, not
   * the bot's JavaScript, whose errors land in its report's `crashes`). Not a broken invariant:
   * the run treats each as one more crash fault and checks the others go on without it.
   */
  nativeCrashes: string[];
  ok: boolean;
}

/** Default bound on media coming back after a fault, generous for a loaded 2-core machine. */
export const CHAOS_MEDIA_BOUND_MS = 20_000;
/** Bound on a chat reaching every present bot. */
export const CHAT_BOUND_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * N bots on a real network with faults one after another for `durationMs`: topology switches,
 * joins, leaves, crashes, cuts, loss and signal-app restarts, chosen by a seeded PRNG. After
 * each fault, media must be back between every present pair within the bound and a chat must
 * reach every present bot exactly once; no bot may crash, and the signal app's heap stays flat.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const bound = options.mediaBoundMs ?? CHAOS_MEDIA_BOUND_MS;
  const random = seededRandom(options.seed);
  const room = await NetRoom.start({ bots: options.bots });
  const rows: ChaosRow[] = [];
  const violations: Violation[] = [];
  const present = new Set(room.bots.map((b) => b.index));
  let topology: Topology = 'mesh';
  const ids = () => room.bots.map((b) => b.peerId);
  // A bot whose process ends on its own leaves `present` and the run goes on without it. Ended
  // by a fatal signal it is a native crash of the WebRTC library (an unplanned crash fault the
  // room must survive, noted); ended any other way it is a broken invariant.
  let fault: ChaosFault | null = null;
  const deaths: Violation[] = [];
  const nativeCrashes: string[] = [];
  const noteDeaths = () => {
    for (const dead of room.diedOnTheirOwn()) {
      if (!present.delete(dead.index)) continue;
      const around = fault ? ` around ${describeFault(fault)}` : ' before the first fault';
      const detail = `Bot ${dead.index + 1}: ${describeExit(dead.exit)}${around}`;
      if (isNativeCrash(dead.exit)) nativeCrashes.push(detail);
      else deaths.push({ invariant: 'crash', detail });
    }
  };
  const askPresent = async <T>(i: number, request: BotRequestBody): Promise<T | undefined> => {
    try {
      return await room.ask<T>(i, request);
    } catch (err) {
      noteDeaths();
      if (present.has(i)) throw err;
      return undefined;
    }
  };
  const read = async (): Promise<BotReport[]> => {
    noteDeaths();
    const out: BotReport[] = [];
    await Promise.all(
      [...present].map(async (i) => {
        const report = await askPresent<BotReport>(i, { type: 'report' });
        if (report) out[i] = report;
      }),
    );
    return out;
  };
  const pairs = () => pairsAmong([...present].sort(), ids());
  let heapBase = await room.signalHeap();
  const started = Date.now();
  try {
    await room.until((r) => mediaBack(r, [], pairs()), 'media everywhere', { timeoutMs: 60_000 });
    while (Date.now() - started < options.durationMs) {
      fault = nextFault(random, {
        topology,
        present: [...present],
        absent: room.bots.map((b) => b.index).filter((i) => !present.has(i)),
      });
      const before = await read();
      const versions = new Map(
        before.flatMap((r, i) => (r ? [[i, r.plan?.version ?? 0] as const] : [])),
      );
      await Promise.all([...present].map((i) => askPresent(i, { type: 'resetGaps' })));
      const at = Date.now();
      const restoredAt = await apply(room, fault, present, async () => {
        heapBase = await room.signalHeap();
      });
      if (fault.kind === 'topology') topology = fault.topology;
      const since = restoredAt ?? at;
      const last = await waitMediaBack(read, frameCounts(before), pairs(), since, bound);
      const back = mediaBack(last, frameCounts(before), pairs()) ? Date.now() - since : null;
      const rowViolations: Violation[] = [];
      // Sessions come back too (after a signal restart, a cut longer than the heartbeat).
      const joined = await waitJoined(read, present, bound);
      if (!joined) rowViolations.push({ invariant: 'media', detail: 'a session did not rejoin' });
      if (back === null) {
        rowViolations.push({
          invariant: 'media',
          detail: `media not back within ${bound} ms after ${describeFault(fault)}`,
        });
      }
      const changed = [...present].every(
        (i) => (last[i]?.plan?.version ?? 0) > (versions.get(i) ?? 0),
      );
      rowViolations.push(
        ...(await chatRound(room, present, read)),
        ...crashesAndMixups(last.filter(Boolean)),
      );
      noteDeaths();
      rowViolations.push(...deaths.splice(0));
      const row: ChaosRow = {
        at: at - started,
        fault: describeFault(fault),
        detectionMs: changed ? planTime(last, present, at) : null,
        mediaBackMs: back,
        longestGapMs: Math.max(0, ...longestGaps(last, pairs())),
        violations: rowViolations,
        nativeCrashes: nativeCrashes.splice(0),
      };
      rows.push(row);
      violations.push(...rowViolations);
      options.onRow?.(row);
    }
    const final = await read();
    violations.push(...deaths.splice(0), ...duplicateChats(final.filter(Boolean)));
    violations.push(...heapFlat(heapBase, await room.signalHeap()));
  } finally {
    await room.close();
  }
  return {
    rows,
    violations,
    nativeCrashes: [...rows.flatMap((r) => r.nativeCrashes), ...nativeCrashes],
    ok: violations.length === 0,
  };
}

/** Applies one fault; returns when the restore that ends it happened (or null). */
async function apply(
  room: NetRoom,
  fault: ChaosFault,
  present: Set<number>,
  signalStarted: () => Promise<void>,
): Promise<number | null> {
  switch (fault.kind) {
    case 'topology':
      await room.setTopology([...present][0] ?? 0, fault.topology);
      return null;
    case 'cut':
      await room.cut(fault.bot);
      await sleep(fault.forMs);
      await room.restore(fault.bot);
      return Date.now();
    case 'loss':
      await room.loss(fault.bot, fault.percent);
      await sleep(fault.forMs);
      await room.loss(fault.bot, 0);
      return Date.now();
    case 'leave':
      room.expectExit(fault.bot);
      await room.ask(fault.bot, { type: 'leave' }).catch(() => undefined);
      await room.crashBot(fault.bot);
      present.delete(fault.bot);
      return null;
    case 'crash':
      await room.crashBot(fault.bot);
      present.delete(fault.bot);
      return null;
    case 'join':
      await room.startBot(fault.bot);
      present.add(fault.bot);
      return Date.now();
    case 'signalRestart':
      await room.killSignal();
      await sleep(fault.downMs);
      await room.startSignal();
      await signalStarted();
      return Date.now();
  }
}

/** A chat from one present bot must reach every other present bot (exactly-once is checked at the end). */
async function chatRound(
  room: NetRoom,
  present: Set<number>,
  read: () => Promise<BotReport[]>,
): Promise<Violation[]> {
  const from = [...present][0];
  if (from === undefined) return [];
  const id = await room.ask<string>(from, { type: 'chat', text: 'chaos check' }).catch(() => null);
  if (id === null) return [{ invariant: 'chat', detail: `Bot ${from + 1} could not send a chat` }];
  const deadline = Date.now() + CHAT_BOUND_MS;
  for (;;) {
    const reps = (await read()).filter((r, i) => r && i !== from);
    const missing = reps.flatMap((r) => missingChat([r], id));
    if (missing.length === 0) return [];
    if (Date.now() > deadline) return missing;
    await sleep(100);
  }
}

/** Whether every present bot is `joined` again within `boundMs`. */
async function waitJoined(
  read: () => Promise<BotReport[]>,
  present: Set<number>,
  boundMs: number,
): Promise<boolean> {
  const deadline = Date.now() + boundMs;
  for (;;) {
    const reps = await read();
    if ([...present].every((i) => reps[i]?.status === 'joined')) return true;
    if (Date.now() > deadline) return false;
    await sleep(200);
  }
}

/** From `at` until the last present bot got its newest plan. */
function planTime(last: BotReport[], present: Set<number>, at: number): number {
  return Math.max(...[...present].map((i) => (last[i]?.plan?.receivedAt ?? at) - at));
}
