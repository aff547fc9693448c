import type { PeerId, Topology } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { ids, keysOf, pathTo, peersOf } from './fixtures';
import { linkKey } from './linkKey';
import { computeRoomPlan } from './roomPlan';

const plan = (topology: Topology, order: PeerId[], failed: string[], trial: string[]) =>
  computeRoomPlan(
    {
      topology,
      peers: peersOf(order),
      hubPreference: null,
      failedLinks: new Set(failed),
      trialLinks: new Set(trial),
    },
    1,
    new Map(),
  );

describe('links on trial ([R16])', () => {
  const [a, b, c, d] = ids(4) as [PeerId, PeerId, PeerId, PeerId];

  it('[R16] a mesh link on trial is in the graph, so both ends connect it, but routes go around it', () => {
    const p = plan('mesh', [a, b, c], [], [linkKey(a, b)]);
    expect(keysOf(p.graph)).toContain(linkKey(a, b));
    expect(p.peers.get(a)?.links.map((l) => l.peer)).toEqual([b, c]);
    expect(pathTo(p.trees.get(a) as never, b)).toEqual([a, c, b]);
    expect(p.trial).toEqual(new Set([linkKey(a, b)]));
  });

  it('[R16] a star leaf whose hub link is on trial stays bridged until it is up', () => {
    const p = plan('star', [a, b, c, d], [], [linkKey(a, d)]);
    expect(keysOf(p.graph)).toEqual(
      [linkKey(a, b), linkKey(a, c), linkKey(a, d), linkKey(b, d)].sort(),
    );
    expect(pathTo(p.trees.get(a) as never, d)).toEqual([a, b, d]);
  });

  it('[R16] a trial link the topology does not want is left out; failed links stay out', () => {
    const p = plan('ring', [a, b, c, d], [linkKey(c, d)], [linkKey(a, c)]);
    expect(keysOf(p.graph)).not.toContain(linkKey(a, c));
    expect(keysOf(p.graph)).not.toContain(linkKey(c, d));
    expect(p.trial.size).toBe(0);
  });

  it('[R16] once the link is up (no longer on trial), routes use it again', () => {
    const p = plan('mesh', [a, b, c], [], []);
    expect(pathTo(p.trees.get(a) as never, b)).toEqual([a, b]);
  });
});
