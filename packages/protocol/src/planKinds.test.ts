import { describe, expect, it } from 'vitest';
import { SetTopologyRequestSchema } from './messages';
import { PeerPlanSchema } from './plan';
import { carriesData, carriesKind } from './planKinds';

describe('[P30] kinded plan entries', () => {
  it('an entry without kind carries every kind and data; one with a kind carries that kind only', () => {
    expect(carriesKind({}, 'audio') && carriesKind({}, 'video') && carriesData({})).toBe(true);
    expect(carriesKind({ kind: 'audio' }, 'video')).toBe(false);
    expect(carriesKind({ kind: 'video' }, 'video')).toBe(true);
    expect(carriesData({ kind: 'audio' })).toBe(true);
    expect(carriesData({ kind: 'video' })).toBe(false);
  });

  it('setTopology takes an optional audio routing, nothing else', () => {
    expect(SetTopologyRequestSchema.safeParse({ topology: 'star' }).success).toBe(true);
    expect(
      SetTopologyRequestSchema.safeParse({ topology: 'star', audioRouting: 'mesh' }).data,
    ).toEqual({ topology: 'star', audioRouting: 'mesh' });
    for (const audioRouting of ['star', 'MESH', 1, null]) {
      expect(SetTopologyRequestSchema.safeParse({ topology: 'ring', audioRouting }).success).toBe(
        false,
      );
    }
  });

  it('a plan of before, without kinds or video edges, still parses; a bad kind does not', () => {
    const plan = {
      version: 1,
      topology: 'star',
      hub: 'peer-aaaa',
      self: 'peer-bbbb',
      order: ['peer-aaaa', 'peer-bbbb'],
      edges: [['peer-aaaa', 'peer-bbbb']],
      links: [{ peer: 'peer-aaaa', epoch: 1, offerer: false, polite: true }],
      receive: [{ origin: 'peer-aaaa', from: 'peer-aaaa', path: ['peer-aaaa', 'peer-bbbb'] }],
      forward: [{ origin: 'peer-bbbb', to: 'peer-aaaa', from: null }],
      proof: '',
    };
    expect(PeerPlanSchema.safeParse(plan).success).toBe(true);
    const hybrid = {
      ...plan,
      videoEdges: plan.edges,
      forward: [{ ...plan.forward[0], kind: 'audio' }],
    };
    expect(PeerPlanSchema.safeParse(hybrid).success).toBe(true);
    const bad = { ...plan, forward: [{ ...plan.forward[0], kind: 'screen' }] };
    expect(PeerPlanSchema.safeParse(bad).success).toBe(false);
  });
});
