import { type CapacityHints, TOPOLOGIES } from '@meshwork/protocol';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allPairs,
  distances,
  expectAgreeingTables,
  expectConsistentRoles,
  expectExactRoutes,
  graphOf,
  IDS,
  id,
  ids,
  keysOf,
  peersOf,
  planFor,
  SIZES,
} from './fixtures';
import { buildLinkGraph } from './graph';
import { linkKey } from './linkKey';
import { computeRoomPlan } from './roomPlan';
import type { LinkKey, PlanInput } from './types';

const capacity: fc.Arbitrary<CapacityHints> = fc.record(
  {
    uplinkKbps: fc.integer({ min: 0, max: 4 }).map((x) => x * 1_000),
    deviceClass: fc.constantFrom('server', 'desktop', 'mobile', 'unknown' as const),
  },
  { requiredKeys: [] },
);

/** A random room: 1-16 peers in scrambled id order, any topology, any failures, any preference. */
const roomInput: fc.Arbitrary<PlanInput> = fc
  .shuffledSubarray([...IDS], { minLength: 1 })
  .chain((order) => {
    const pairs = allPairs(order);
    return fc.record({
      topology: fc.constantFrom(...TOPOLOGIES),
      peers: fc
        .array(capacity, { minLength: order.length, maxLength: order.length })
        .map((caps) => peersOf(order, (i) => caps[i] ?? {})),
      hubPreference: fc.option(fc.constantFrom(...order, 'gone-peer-1')),
      failedLinks: fc.subarray(pairs).map((keys) => new Set<LinkKey>(keys)),
    });
  });

/** Peers each peer can reach once failed links are out, if every other pair may link. */
function possibleReach(input: PlanInput): Map<string, Set<string>> {
  const order = input.peers.map((p) => p.id);
  const complete = graphOf(
    order,
    allPairs(order).filter((k) => !input.failedLinks.has(k)),
  );
  return new Map(order.map((p) => [p, new Set(distances(complete, p).keys())]));
}

describe('computeRoomPlan', () => {
  it('[R1] the same input gives the same plan', () => {
    fc.assert(
      fc.property(roomInput, fc.integer({ min: 1, max: 1_000 }), (input, version) => {
        const first = computeRoomPlan(input, version, new Map());
        const reordered = { ...input, failedLinks: new Set([...input.failedLinks].reverse()) };
        expect(computeRoomPlan(reordered, version, new Map())).toEqual(first);
        expect(computeRoomPlan(input, version, first.epochs)).toEqual(first);
      }),
    );
  });

  it('[R1] does not mutate its input', () => {
    const peers = Object.freeze(peersOf(ids(6)).map((p) => Object.freeze(p)));
    const failed = new Set([linkKey(id(0), id(1))]);
    const prev = new Map([[linkKey(id(0), id(2)), 1]]);
    const input = Object.freeze({
      topology: 'ring',
      peers,
      hubPreference: null,
      failedLinks: failed,
    } as const);
    computeRoomPlan(input, 2, prev);
    expect([...failed]).toEqual([linkKey(id(0), id(1))]);
    expect([...prev]).toEqual([[linkKey(id(0), id(2)), 1]]);
  });

  it('[R6] only a star has a hub, elected from the preference or capacity', () => {
    const peers = peersOf(ids(4), (i) => (i === 2 ? { uplinkKbps: 9_000 } : {}));
    const input = { peers, hubPreference: null, failedLinks: new Set<LinkKey>() };
    expect(computeRoomPlan({ ...input, topology: 'mesh' }, 1, new Map()).hub).toBeNull();
    expect(computeRoomPlan({ ...input, topology: 'ring' }, 1, new Map()).hub).toBeNull();
    expect(computeRoomPlan({ ...input, topology: 'star' }, 1, new Map()).hub).toBe(id(2));
    const preferred = { ...input, topology: 'star' as const, hubPreference: id(3) };
    expect(computeRoomPlan(preferred, 1, new Map()).hub).toBe(id(3));
    expect(computeRoomPlan({ ...input, peers: [], topology: 'star' }, 1, new Map())).toMatchObject({
      hub: null,
      peers: new Map(),
    });
  });

  it.each(SIZES)('[R4] star of %i re-elects a hub when the hub leaves', (n) => {
    const before = planFor('star', ids(n));
    const rest = ids(n).filter((p) => p !== before.hub);
    const after = planFor('star', rest);
    expect(after.hub).toBe(rest[0] ?? null);
    expectExactRoutes(after);
  });

  it('[R7] any room stays connected whenever surviving pairs could connect it', () => {
    fc.assert(
      fc.property(roomInput, (input) => {
        const plan = computeRoomPlan(input, 1, new Map());
        const reach = possibleReach(input);
        for (const origin of plan.graph.order) {
          expect(new Set(plan.trees.get(origin)?.keys())).toEqual(reach.get(origin));
        }
        for (const key of keysOf(plan.graph)) expect(input.failedLinks.has(key)).toBe(false);
      }),
    );
  });

  it('[R7] bridges are added only when failures split the topology', () => {
    fc.assert(
      fc.property(roomInput, (input) => {
        const plan = computeRoomPlan(input, 1, new Map());
        const order = input.peers.map((p) => p.id);
        const intended = buildLinkGraph(input.topology, order, plan.hub, new Set());
        const surviving = keysOf(intended).filter((k) => !input.failedLinks.has(k));
        const unbridged = graphOf(order, surviving);
        const connected = order.every((p) => distances(unbridged, p).size === order.length);
        if (connected) expect(keysOf(plan.graph)).toEqual(surviving);
        else expect(keysOf(plan.graph)).toEqual(expect.arrayContaining(surviving));
      }),
    );
  });

  it('[R9] [R10] [R11] [R12] [R14] any room has exact routes, agreeing roles and tables', () => {
    fc.assert(
      fc.property(roomInput, fc.integer({ min: 1, max: 50 }), (input, version) => {
        const plan = computeRoomPlan(input, version, new Map());
        expectExactRoutes(plan);
        expectConsistentRoles(plan);
        expectAgreeingTables(plan);
        expect([...plan.peers.keys()]).toEqual(input.peers.map((p) => p.id));
      }),
      { numRuns: 200 },
    );
  });

  it('[R5] a ring healing after any leave keeps its shape and epochs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 16 }), fc.nat(), (n, pick) => {
        const gone = pick % n;
        const v1 = planFor('ring', ids(n), { version: 1 });
        const rest = ids(n).filter((_, i) => i !== gone);
        const v2 = planFor('ring', rest, { version: 2, prev: v1.epochs });
        expect(v2.graph).toEqual(buildLinkGraph('ring', rest, null, new Set()));
        for (const [key, epoch] of v2.epochs) {
          expect(epoch).toBe(v1.epochs.has(key) ? v1.epochs.get(key) : 2);
        }
      }),
    );
  });
});
