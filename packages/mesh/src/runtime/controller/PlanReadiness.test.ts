import type { PeerId } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import type { TrackIdentity } from '../manifest';
import { handPlan } from '../testing/plans';
import type { LinkStatus } from '../types';
import { PlanReadiness, type ReadinessView } from './PlanReadiness';

const ME = 'peer-self';
const video = (origin: PeerId): TrackIdentity => ({ origin, key: 'cam', kind: 'video' });
const plan = (version: number) =>
  handPlan(ME, version, {
    receive: [{ origin: 'peer-bbbb', from: 'peer-bbbb', path: ['peer-bbbb', ME] }],
  });
const link = (status: LinkStatus, named: TrackIdentity[]): ReadinessView => ({
  status,
  incoming: new Map(named.map((identity, i) => [String(i), { identity }])),
});

describe('PlanReadiness', () => {
  it('[M12] tells each version once, when its routes deliver', () => {
    const readiness = new PlanReadiness();
    const links: Array<[PeerId, ReadinessView]> = [
      ['peer-bbbb', link('connected', [video('peer-bbbb')])],
    ];
    expect(readiness.check(plan(1), links, new Map())).toBeNull();
    const arrived = new Map([['peer-bbbb', [video('peer-bbbb')]]]);
    expect(readiness.check(plan(1), links, arrived)).toBe(1);
    expect(readiness.check(plan(1), links, arrived)).toBeNull();
    expect(readiness.check(plan(2), links, arrived)).toBe(2);
  });

  it('[M12] no plan, or a route whose link is not connected, is not ready', () => {
    const readiness = new PlanReadiness();
    expect(readiness.check(null, [], new Map())).toBeNull();
    const links: Array<[PeerId, ReadinessView]> = [['peer-bbbb', link('connecting', [])]];
    expect(readiness.check(plan(1), links, new Map())).toBeNull();
  });
});
