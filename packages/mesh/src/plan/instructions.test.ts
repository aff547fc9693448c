import { PeerPlanSchema, TOPOLOGIES } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { expectAgreeingTables, expectConsistentRoles, id, ids, planFor, SIZES } from './fixtures';
import { peerPlan } from './instructions';
import { linkKey } from './linkKey';

describe('peerPlan', () => {
  describe.each(TOPOLOGIES)('%s', (topology) => {
    it.each(SIZES)('[R10] N=%i: both ends of every link agree on roles and epoch', (n) => {
      expectConsistentRoles(planFor(topology, ids(n)));
    });

    it.each(SIZES)('[R11] [R12] N=%i: forward and receive tables agree across peers', (n) => {
      expectAgreeingTables(planFor(topology, ids(n)));
    });

    it.each(SIZES)(
      '[R14] N=%i: every peer plan is valid on the wire and shares the room view',
      (n) => {
        const plan = planFor(topology, ids(n), { version: 7 });
        for (const [self, mine] of plan.peers) {
          expect(PeerPlanSchema.safeParse(mine).success).toBe(true);
          expect(mine).toMatchObject({ self, version: 7, topology, hub: plan.hub, order: ids(n) });
          expect(mine.edges).toEqual(plan.graph.edges);
        }
      },
    );
  });

  it('[R10] [R11] [R12] spells out a 4-peer star around the second joiner', () => {
    const [a, hub, c, d] = [id(0), id(1), id(2), id(3)];
    const plan = planFor('star', ids(4), { hubPreference: hub, version: 3 });
    expect(plan.peers.get(hub)).toEqual({
      version: 3,
      topology: 'star',
      hub,
      self: hub,
      order: [a, hub, c, d],
      edges: [
        [a, hub],
        [hub, c],
        [hub, d],
      ],
      links: [
        { peer: a, epoch: 3, offerer: false, polite: true },
        { peer: c, epoch: 3, offerer: true, polite: false },
        { peer: d, epoch: 3, offerer: true, polite: false },
      ],
      receive: [
        { origin: a, from: a, path: [a, hub] },
        { origin: c, from: c, path: [c, hub] },
        { origin: d, from: d, path: [d, hub] },
      ],
      forward: [
        { origin: a, to: c, from: a },
        { origin: a, to: d, from: a },
        { origin: hub, to: a, from: null },
        { origin: hub, to: c, from: null },
        { origin: hub, to: d, from: null },
        { origin: c, to: a, from: c },
        { origin: c, to: d, from: c },
        { origin: d, to: a, from: d },
        { origin: d, to: c, from: d },
      ],
      // The signal app signs the version (SPEC [P16]); the planner leaves the proof empty.
      proof: '',
    });
    expect(plan.peers.get(c)).toMatchObject({
      links: [{ peer: hub, epoch: 3, offerer: false, polite: true }],
      receive: [
        { origin: a, from: hub, path: [a, hub, c] },
        { origin: hub, from: hub, path: [hub, c] },
        { origin: d, from: hub, path: [d, hub, c] },
      ],
      forward: [{ origin: c, to: hub, from: null }],
    });
  });

  it('[R12] a ring peer relays an origin onward along the arc', () => {
    // Ring of 5: 0-1-2-3-4-0. Origin 0 reaches 2 through 1, so 1 forwards 0 to 2.
    const plan = planFor('ring', ids(5));
    expect(plan.peers.get(id(1))?.forward).toContainEqual({
      origin: id(0),
      to: id(2),
      from: id(0),
    });
    expect(plan.peers.get(id(2))?.receive).toContainEqual({
      origin: id(0),
      from: id(1),
      path: [id(0), id(1), id(2)],
    });
  });

  it('[R11] an isolated peer receives nothing and forwards nothing', () => {
    const failed = [linkKey(id(0), id(1))];
    const plan = planFor('mesh', ids(2), { failed });
    expect(plan.peers.get(id(0))).toMatchObject({ links: [], receive: [], forward: [] });
  });

  it('[R1] throws for a peer that is not in the plan', () => {
    const { peers: _peers, ...room } = planFor('mesh', ids(3));
    expect(() => peerPlan(room, 'gone-peer-1')).toThrow(RangeError);
  });
});
