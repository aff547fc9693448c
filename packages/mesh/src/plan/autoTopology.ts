import type { AutoChoice, AutoLimit, PeerId, QualityLimitation } from '@meshwork/protocol';

/**
 * Size at which an automatic room leaves mesh for star. Measured, not guessed
 * (`pnpm --filter @meshwork/bench bench:auto`, docs/benchmarks.md "Automatic topology"): at the
 * app's default camera (640x360 at 24 fps) one mesh link costs {@link MESH_LINK_KBPS}, so a mesh
 * peer's N-1 links outgrow the default 2,500 kbit/s uplink budget at N = 6 (5 x 505 = 2,525), and
 * from there every mesh peer's picture shrinks while a star leaf sends one stream at full size.
 */
export const STAR_UP_PEERS = 6;
/**
 * Size at which an automatic star goes back to mesh (hysteresis: one size between the two keeps
 * what the room has). At N = 4 a mesh peer uses 1,515 of 2,500 kbit/s (61 %), leaving room for
 * one more person before the budget binds.
 */
export const MESH_DOWN_PEERS = 4;
/**
 * What one mesh link costs a sender on the wire at the app's default camera and the budget's
 * own arithmetic: 640x360 x 24 fps x 0.08 bit/pixel = 442 kbit/s of video payload, 465 with RTP
 * headers (5 %), plus 40 kbit/s of audio (`allocateUplink`; printed by `bench:auto`).
 */
export const MESH_LINK_KBPS = 505;
/**
 * A star caused by a peer's uplink goes back to mesh only when that uplink carries the mesh with
 * this much to spare, so an uplink hovering at the line does not switch the room back and forth.
 */
export const UPLINK_MARGIN = 1.25;
/**
 * Shortest time an automatic room stays in a topology. A switch is a make-before-break plan that
 * settled in 0.25-1.9 s on this machine (docs/benchmarks.md "Performance round 2: negotiation and
 * switch"); 20 s keeps switches under a tenth of any stretch of a call, whatever the input does.
 */
export const MIN_DWELL_MS = 20_000;
/**
 * How long a reported limitation (or its end) must last before it counts. A choice, not a
 * measurement (docs/benchmarks.md "Automatic topology"): long enough that what a new link reports
 * while its congestion control ramps up does not count, short enough to relieve a starved peer
 * soon.
 */
export const LIMIT_PERSIST_MS = 10_000;

/** A peer as the decision sees it. */
export interface AutoPeer {
  id: PeerId;
  /** A media hub: not one of the people, but a star can go through it. */
  mediaServer: boolean;
  /** The peer's reported limitation now (null: none). */
  limitation: QualityLimitation | null;
  /** Since when the peer has reported `limitation` (server ms; -Infinity: since it joined). */
  limitationSince: number;
  /** What it reported before that (null: none), which a star keeps counting for a while. */
  previousLimitation: QualityLimitation | null;
  /** The peer's measured uplink, if it reports one. */
  uplinkKbps: number | null;
}

/** What the decision reads: the room, what it runs now and since when, and the time. */
export interface AutoInput {
  /** Peers in join order. */
  peers: readonly AutoPeer[];
  current: 'mesh' | 'star';
  /** When the room began running `current` (server ms). */
  since: number;
  now: number;
}

/** The decision: the topology to run and why, and when to decide again if nothing else changes. */
export interface AutoDecision {
  choice: AutoChoice;
  /** A time at which the answer may change with the same input (a timer ends), or null. */
  recheckAt: number | null;
}

interface Limited {
  peer: PeerId;
  limit: AutoLimit;
}

/**
 * The automatic room's topology (SPEC [P28]), a pure function of its input. Mesh while the room
 * is small and everyone keeps up; star at {@link STAR_UP_PEERS} people or when a peer's reported
 * limitation has lasted {@link LIMIT_PERSIST_MS} (or its uplink cannot carry the mesh); back to
 * mesh at {@link MESH_DOWN_PEERS} people once every limitation has been gone as long. Whatever the
 * input, the room never changes topology twice within {@link MIN_DWELL_MS}.
 */
export function decideAutoTopology(input: AutoInput): AutoDecision {
  const { now } = input;
  const people = input.peers.filter((p) => !p.mediaServer);
  const n = people.length;
  const hub = input.peers.some((p) => p.mediaServer) ? 'server' : 'peer';
  const rechecks: number[] = [];
  const limited = firstLimited(people, n, input.current, now, rechecks);
  let want: 'mesh' | 'star';
  if (input.current === 'mesh') {
    // Two people link once in any topology: a star would change nothing.
    want = n >= STAR_UP_PEERS || (limited !== null && n > 2) ? 'star' : 'mesh';
  } else {
    want = n <= MESH_DOWN_PEERS && (limited === null || n <= 2) ? 'mesh' : 'star';
  }
  const choice = (topology: 'mesh' | 'star', reason: AutoChoice['reason']): AutoChoice => ({
    topology,
    reason,
    limitedPeer: reason === 'limited' ? (limited?.peer ?? null) : null,
    limit: reason === 'limited' ? (limited?.limit ?? null) : null,
    hub: topology === 'star' ? hub : null,
  });
  const reasonFor = (topology: 'mesh' | 'star'): AutoChoice['reason'] => {
    if (topology === 'mesh') return 'small';
    return limited !== null && n > 2 ? 'limited' : 'large';
  };
  if (want !== input.current) {
    const free = input.since + MIN_DWELL_MS;
    if (now < free) {
      return { choice: choice(input.current, 'holding'), recheckAt: free };
    }
  }
  return { choice: choice(want, reasonFor(want)), recheckAt: earliest(rechecks, now) };
}

/**
 * The first peer (join order) whose limit counts. In mesh a limitation counts once it has lasted
 * the persistence time; in star it keeps counting until its end has lasted as long, and an uplink
 * must clear the mesh's need with a margin. Pushes the times at which a pending one would count.
 */
function firstLimited(
  people: readonly AutoPeer[],
  n: number,
  current: 'mesh' | 'star',
  now: number,
  rechecks: number[],
): Limited | null {
  const meshNeed = Math.max(0, n - 1) * MESH_LINK_KBPS;
  const uplinkNeed = current === 'mesh' ? meshNeed : meshNeed * UPLINK_MARGIN;
  let found: Limited | null = null;
  for (const p of people) {
    const settled = p.limitationSince + LIMIT_PERSIST_MS;
    let counts: QualityLimitation | null;
    if (p.limitation !== null) {
      counts = now >= settled ? p.limitation : null;
      if (now < settled) rechecks.push(settled);
    } else {
      // A limitation that ended only recently still counts while the room is in star.
      counts = null;
      if (current === 'star' && p.previousLimitation !== null && now < settled) {
        rechecks.push(settled);
        counts = p.previousLimitation;
      }
    }
    const hit: Limited | null =
      counts !== null
        ? { peer: p.id, limit: counts }
        : p.uplinkKbps !== null && p.uplinkKbps < uplinkNeed
          ? { peer: p.id, limit: 'uplink' }
          : null;
    if (hit !== null && found === null) found = hit;
  }
  return found;
}

function earliest(times: readonly number[], now: number): number | null {
  const future = times.filter((t) => t > now);
  return future.length === 0 ? null : Math.min(...future);
}
