import { describe, expect, it } from 'vitest';
import { nextEpochs } from './epochs';
import { id, ids, peersOf, planFor } from './fixtures';
import { buildLinkGraph } from './graph';
import { linkKey } from './linkKey';
import { computeRoomPlan } from './roomPlan';

describe('nextEpochs', () => {
  it('[R13] keeps the epoch of a kept link, gives new links the version, drops absent ones', () => {
    const graph = buildLinkGraph('ring', ids(4), null, new Set());
    const prev = new Map([
      [linkKey(id(0), id(1)), 2],
      [linkKey(id(2), id(3)), 5],
      [linkKey(id(0), id(2)), 4],
    ]);
    expect(nextEpochs(prev, graph, 9)).toEqual(
      new Map([
        [linkKey(id(0), id(1)), 2],
        [linkKey(id(1), id(2)), 9],
        [linkKey(id(2), id(3)), 5],
        [linkKey(id(0), id(3)), 9],
      ]),
    );
  });

  it('[R13] a healed ring keeps surviving links and gives the healing link the new version', () => {
    const v1 = planFor('ring', ids(5), { version: 1 });
    const v2 = planFor('ring', [id(0), id(1), id(3), id(4)], { version: 2, prev: v1.epochs });
    expect(v2.epochs).toEqual(
      new Map([
        [linkKey(id(0), id(1)), 1],
        [linkKey(id(1), id(3)), 2],
        [linkKey(id(3), id(4)), 1],
        [linkKey(id(0), id(4)), 1],
      ]),
    );
  });

  it('[R13] a link that is dropped and later restored starts a new life', () => {
    const failed = [linkKey(id(0), id(1))];
    const v1 = planFor('mesh', ids(3), { version: 1 });
    const v2 = planFor('mesh', ids(3), { version: 2, prev: v1.epochs, failed });
    const v3 = planFor('mesh', ids(3), { version: 3, prev: v2.epochs });
    expect(v2.epochs.has(linkKey(id(0), id(1)))).toBe(false);
    expect(v3.epochs.get(linkKey(id(0), id(1)))).toBe(3);
    expect(v3.epochs.get(linkKey(id(0), id(2)))).toBe(1);
  });

  it('[R13] a new star hub keeps only its link to the old hub', () => {
    const v1 = planFor('star', ids(4), { version: 1, hubPreference: id(0) });
    const v2 = planFor('star', ids(4), { version: 2, hubPreference: id(2), prev: v1.epochs });
    expect(v2.epochs).toEqual(
      new Map([
        [linkKey(id(0), id(2)), 1],
        [linkKey(id(1), id(2)), 2],
        [linkKey(id(2), id(3)), 2],
      ]),
    );
  });

  it('[R13] with committed and pending epochs merged, links alive in either plan keep their life', () => {
    const peers = peersOf(ids(5));
    const input = { peers, hubPreference: null, failedLinks: new Set<string>() };
    const committed = computeRoomPlan({ ...input, topology: 'mesh' }, 1, new Map());
    const pending = computeRoomPlan({ ...input, topology: 'star' }, 2, committed.epochs);
    // A third change arrives before the star commits: the mesh links still run.
    const union = new Map([...committed.epochs, ...pending.epochs]);
    const next = computeRoomPlan({ ...input, topology: 'ring' }, 3, union);
    for (const epoch of next.epochs.values()) expect(epoch).toBe(1);
    // Passing the pending plan alone would wrongly restart links that are still alive.
    const pendingOnly = computeRoomPlan({ ...input, topology: 'ring' }, 3, pending.epochs);
    expect([...pendingOnly.epochs.values()]).toContain(3);
  });
});
