import type { Topology } from '@meshwork/protocol';

/** One fault the chaos run injects. */
export type ChaosFault =
  | { kind: 'topology'; topology: Topology }
  | { kind: 'cut'; bot: number; forMs: number }
  | { kind: 'loss'; bot: number; percent: number; forMs: number }
  | { kind: 'leave'; bot: number }
  | { kind: 'join'; bot: number }
  | { kind: 'crash'; bot: number }
  | { kind: 'signalRestart'; downMs: number };

/** What the chooser needs to know of the room. */
export interface ChaosState {
  topology: Topology;
  /** Bots in the room now, by index. */
  present: readonly number[];
  /** Bots that left or crashed and may join again. */
  absent: readonly number[];
}

/** A seeded PRNG (mulberry32): the same seed gives the same run of faults. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const TOPOLOGIES: readonly Topology[] = ['mesh', 'star', 'ring'];
/** Fewest bots kept in the room, so every fault leaves someone to watch. */
export const MIN_PRESENT = 3;

function pick<T>(random: () => number, xs: readonly T[]): T {
  return xs[Math.floor(random() * xs.length)] as T;
}

/** The next fault for the room as it is: pure, from the PRNG only. */
export function nextFault(random: () => number, state: ChaosState): ChaosFault {
  const kinds: ChaosFault['kind'][] = ['topology', 'cut', 'loss', 'signalRestart', 'crash'];
  if (state.absent.length > 0) kinds.push('join', 'join');
  if (state.present.length > MIN_PRESENT) kinds.push('leave');
  const kind = pick(random, kinds);
  const others = state.present.filter((b) => b !== 0);
  switch (kind) {
    case 'topology':
      return {
        kind,
        topology: pick(
          random,
          TOPOLOGIES.filter((t) => t !== state.topology),
        ),
      };
    case 'cut':
      return {
        kind,
        bot: pick(random, state.present),
        forMs: 2_000 + Math.floor(random() * 6_000),
      };
    case 'loss':
      return {
        kind,
        bot: pick(random, state.present),
        percent: 5 + Math.floor(random() * 16),
        forMs: 3_000,
      };
    case 'signalRestart':
      return { kind, downMs: 1_000 + Math.floor(random() * 2_000) };
    case 'join':
      return { kind, bot: pick(random, state.absent) };
    case 'leave':
    case 'crash':
      // Bot 1 steers the topology; it stays.
      return others.length > 0 && state.present.length > MIN_PRESENT
        ? { kind, bot: pick(random, others) }
        : {
            kind: 'topology',
            topology: pick(
              random,
              TOPOLOGIES.filter((t) => t !== state.topology),
            ),
          };
  }
}

/** A fault as one line of the table. */
export function describeFault(f: ChaosFault): string {
  switch (f.kind) {
    case 'topology':
      return `switch to ${f.topology}`;
    case 'cut':
      return `cut Bot ${f.bot + 1} for ${(f.forMs / 1000).toFixed(1)} s`;
    case 'loss':
      return `${f.percent} % loss at Bot ${f.bot + 1} for ${f.forMs / 1000} s`;
    case 'leave':
      return `Bot ${f.bot + 1} leaves`;
    case 'join':
      return `Bot ${f.bot + 1} joins`;
    case 'crash':
      return `Bot ${f.bot + 1} crashes (SIGKILL)`;
    case 'signalRestart':
      return `signal app SIGKILL, ${(f.downMs / 1000).toFixed(1)} s down, restart`;
  }
}
