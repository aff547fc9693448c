import type { QualityLimitation } from '@meshwork/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AutoInput,
  type AutoPeer,
  decideAutoTopology,
  LIMIT_PERSIST_MS,
  MESH_DOWN_PEERS,
  MESH_LINK_KBPS,
  MIN_DWELL_MS,
  STAR_UP_PEERS,
} from './autoTopology';

const LONG_AGO = Number.NEGATIVE_INFINITY;

function person(i: number, extra: Partial<AutoPeer> = {}): AutoPeer {
  return {
    id: `peer${i}`,
    mediaServer: false,
    limitation: null,
    limitationSince: LONG_AGO,
    previousLimitation: null,
    uplinkKbps: null,
    ...extra,
  };
}

function room(n: number, extra: (i: number) => Partial<AutoPeer> = () => ({})): AutoPeer[] {
  return Array.from({ length: n }, (_, i) => person(i, extra(i)));
}

const NOW = 1_000_000;

describe('decideAutoTopology', () => {
  const cases: Array<{
    name: string;
    input: AutoInput;
    topology: 'mesh' | 'star';
    reason: string;
    limitedPeer?: string | null;
    limit?: string | null;
  }> = [
    {
      name: '[P28] a small room is a mesh',
      input: { peers: room(3), current: 'mesh', since: LONG_AGO, now: NOW },
      topology: 'mesh',
      reason: 'small',
    },
    {
      name: '[P28] one below the threshold stays mesh',
      input: { peers: room(STAR_UP_PEERS - 1), current: 'mesh', since: LONG_AGO, now: NOW },
      topology: 'mesh',
      reason: 'small',
    },
    {
      name: '[P28] at the threshold the room goes star',
      input: { peers: room(STAR_UP_PEERS), current: 'mesh', since: LONG_AGO, now: NOW },
      topology: 'star',
      reason: 'large',
    },
    {
      name: '[P28] a star between the two thresholds stays star',
      input: { peers: room(MESH_DOWN_PEERS + 1), current: 'star', since: LONG_AGO, now: NOW },
      topology: 'star',
      reason: 'large',
    },
    {
      name: '[P28] a star at the down threshold goes back to mesh',
      input: { peers: room(MESH_DOWN_PEERS), current: 'star', since: LONG_AGO, now: NOW },
      topology: 'mesh',
      reason: 'small',
    },
    {
      name: '[P28] a media hub is not counted as a person, and a star goes through it',
      input: {
        peers: [person(99, { mediaServer: true }), ...room(STAR_UP_PEERS)],
        current: 'mesh',
        since: LONG_AGO,
        now: NOW,
      },
      topology: 'star',
      reason: 'large',
    },
    {
      name: '[P28] a cpu limitation that lasted the persistence time makes a star',
      input: {
        peers: room(3, (i) =>
          i === 1 ? { limitation: 'cpu', limitationSince: NOW - LIMIT_PERSIST_MS } : {},
        ),
        current: 'mesh',
        since: LONG_AGO,
        now: NOW,
      },
      topology: 'star',
      reason: 'limited',
      limitedPeer: 'peer1',
      limit: 'cpu',
    },
    {
      name: '[P28] a limitation younger than the persistence time does not count yet',
      input: {
        peers: room(3, (i) =>
          i === 1 ? { limitation: 'bandwidth', limitationSince: NOW - LIMIT_PERSIST_MS + 1 } : {},
        ),
        current: 'mesh',
        since: LONG_AGO,
        now: NOW,
      },
      topology: 'mesh',
      reason: 'small',
    },
    {
      name: '[P28] two people stay in mesh whatever they report (a star changes nothing)',
      input: {
        peers: room(2, () => ({ limitation: 'cpu', limitationSince: LONG_AGO })),
        current: 'mesh',
        since: LONG_AGO,
        now: NOW,
      },
      topology: 'mesh',
      reason: 'small',
    },
    {
      name: "[P28] an uplink that cannot carry the mesh's links makes a star",
      input: {
        peers: room(4, (i) => (i === 2 ? { uplinkKbps: 3 * MESH_LINK_KBPS - 1 } : {})),
        current: 'mesh',
        since: LONG_AGO,
        now: NOW,
      },
      topology: 'star',
      reason: 'limited',
      limitedPeer: 'peer2',
      limit: 'uplink',
    },
    {
      name: '[P28] back from a star only when the uplink carries the mesh with a margin',
      input: {
        peers: room(4, (i) => (i === 2 ? { uplinkKbps: 3 * MESH_LINK_KBPS + 1 } : {})),
        current: 'star',
        since: LONG_AGO,
        now: NOW,
      },
      topology: 'star',
      reason: 'limited',
      limitedPeer: 'peer2',
      limit: 'uplink',
    },
    {
      name: '[P28] a limitation that ended recently still holds the star',
      input: {
        peers: room(3, (i) =>
          i === 0 ? { previousLimitation: 'cpu', limitationSince: NOW - LIMIT_PERSIST_MS + 1 } : {},
        ),
        current: 'star',
        since: LONG_AGO,
        now: NOW,
      },
      topology: 'star',
      reason: 'limited',
      limitedPeer: 'peer0',
      limit: 'cpu',
    },
    {
      name: '[P28] a limitation gone for the persistence time lets a small star go mesh',
      input: {
        peers: room(3, (i) =>
          i === 0 ? { previousLimitation: 'cpu', limitationSince: NOW - LIMIT_PERSIST_MS } : {},
        ),
        current: 'star',
        since: LONG_AGO,
        now: NOW,
      },
      topology: 'mesh',
      reason: 'small',
    },
    {
      name: '[P28] a room that changed topology recently holds it',
      input: { peers: room(STAR_UP_PEERS), current: 'mesh', since: NOW - 1, now: NOW },
      topology: 'mesh',
      reason: 'holding',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { choice } = decideAutoTopology(c.input);
      expect(choice.topology).toBe(c.topology);
      expect(choice.reason).toBe(c.reason);
      if (c.limitedPeer !== undefined) expect(choice.limitedPeer).toBe(c.limitedPeer);
      if (c.limit !== undefined) expect(choice.limit).toBe(c.limit);
      expect(choice.hub).toBe(
        c.topology === 'star'
          ? c.input.peers.some((p) => p.mediaServer)
            ? 'server'
            : 'peer'
          : null,
      );
    });
  }

  it('[P28] tells when to decide again: the end of a hold, or a limitation coming of age', () => {
    const held = decideAutoTopology({
      peers: room(STAR_UP_PEERS),
      current: 'mesh',
      since: NOW - 5,
      now: NOW,
    });
    expect(held.recheckAt).toBe(NOW - 5 + MIN_DWELL_MS);
    const young = decideAutoTopology({
      peers: room(3, (i) => (i === 0 ? { limitation: 'cpu', limitationSince: NOW - 10 } : {})),
      current: 'mesh',
      since: LONG_AGO,
      now: NOW,
    });
    expect(young.choice.topology).toBe('mesh');
    expect(young.recheckAt).toBe(NOW - 10 + LIMIT_PERSIST_MS);
    expect(
      decideAutoTopology({ peers: room(3), current: 'mesh', since: LONG_AGO, now: NOW }).recheckAt,
    ).toBeNull();
  });
});

/** One step of a room's life: time passes, then its size or a peer's report may change. */
type Step =
  | { dt: number; kind: 'size'; n: number }
  | { dt: number; kind: 'limit'; peer: number; limitation: QualityLimitation | null }
  | { dt: number; kind: 'uplink'; peer: number; kbps: number | null }
  | { dt: number; kind: 'tick' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    dt: fc.integer({ min: 0, max: 30_000 }),
    kind: fc.constant('size' as const),
    n: fc.integer({ min: 1, max: 12 }),
  }),
  fc.record({
    dt: fc.integer({ min: 0, max: 30_000 }),
    kind: fc.constant('limit' as const),
    peer: fc.integer({ min: 0, max: 11 }),
    limitation: fc.constantFrom<QualityLimitation | null>('cpu', 'bandwidth', null),
  }),
  fc.record({
    dt: fc.integer({ min: 0, max: 30_000 }),
    kind: fc.constant('uplink' as const),
    peer: fc.integer({ min: 0, max: 11 }),
    kbps: fc.option(fc.integer({ min: 0, max: 6_000 }), { nil: null }),
  }),
  fc.record({ dt: fc.integer({ min: 0, max: 30_000 }), kind: fc.constant('tick' as const) }),
);

/**
 * Runs the decision over `steps` the way the signal app does (re-evaluated on every change and at
 * every recheck time), and returns the times the topology changed.
 */
function simulate(steps: readonly Step[], start = 1): { at: number; to: 'mesh' | 'star' }[] {
  let now = 0;
  let n = start;
  const peers = Array.from({ length: 12 }, (_, i) => person(i));
  let current: 'mesh' | 'star' = 'mesh';
  let since = Number.NEGATIVE_INFINITY;
  let recheck: number | null = null;
  const switches: { at: number; to: 'mesh' | 'star' }[] = [];
  const evaluate = () => {
    const d = decideAutoTopology({ peers: peers.slice(0, n), current, since, now });
    if (d.choice.topology !== current) {
      current = d.choice.topology;
      since = now;
      switches.push({ at: now, to: current });
      // A change of topology is itself a change: decide again at once, as the app does.
      recheck = decideAutoTopology({ peers: peers.slice(0, n), current, since, now }).recheckAt;
    } else recheck = d.recheckAt;
  };
  for (const step of steps) {
    const until = now + step.dt;
    while (recheck !== null && recheck <= until) {
      now = recheck;
      evaluate();
    }
    now = until;
    if (step.kind === 'size') n = step.n;
    if (step.kind === 'limit') {
      const p = peers[step.peer];
      if (p && p.limitation !== step.limitation) {
        peers[step.peer] = {
          ...p,
          previousLimitation: p.limitation,
          limitation: step.limitation,
          limitationSince: now,
        };
      }
    }
    if (step.kind === 'uplink') {
      const p = peers[step.peer];
      if (p) peers[step.peer] = { ...p, uplinkKbps: step.kbps };
    }
    evaluate();
  }
  return switches;
}

describe('decideAutoTopology never flaps', () => {
  it('[P28] two switches are never closer than the minimum dwell, whatever the input', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 80 }), (steps) => {
        const switches = simulate(steps);
        for (let i = 1; i < switches.length; i++) {
          const gap = (switches[i]?.at ?? 0) - (switches[i - 1]?.at ?? 0);
          expect(gap).toBeGreaterThanOrEqual(MIN_DWELL_MS);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('[P28] a size oscillating by one person switches at most once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 11 }),
        fc.array(fc.integer({ min: 0, max: 120_000 }), { minLength: 1, maxLength: 60 }),
        (k, gaps) => {
          const steps: Step[] = gaps.map((dt, i) => ({
            dt,
            kind: 'size',
            n: i % 2 === 0 ? k + 1 : k,
          }));
          expect(simulate(steps, k).length).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('[P28] a limitation that comes and goes faster than the persistence time never switches', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: STAR_UP_PEERS - 1 }),
        fc.constantFrom<QualityLimitation>('cpu', 'bandwidth'),
        fc.array(fc.integer({ min: 0, max: LIMIT_PERSIST_MS - 1 }), { maxLength: 60 }),
        (n, limitation, gaps) => {
          const steps: Step[] = gaps.map((dt, i) => ({
            dt,
            kind: 'limit',
            peer: 1,
            limitation: i % 2 === 0 ? limitation : null,
          }));
          // Ends cleared, so nothing is left limited when the steps stop.
          steps.push({ dt: 0, kind: 'limit', peer: 1, limitation: null });
          expect(simulate(steps, n)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
