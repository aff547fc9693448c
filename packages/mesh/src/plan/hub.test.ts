import type { CapacityHints } from '@meshwork/protocol';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ids, peersOf } from './fixtures';
import { electHub } from './hub';
import type { PlanPeer } from './types';

function room(...capacities: CapacityHints[]): PlanPeer[] {
  return peersOf(ids(capacities.length), (i) => capacities[i] ?? {});
}

describe('electHub', () => {
  it('[R6] has no hub in an empty room', () => {
    expect(electHub([], null)).toBeNull();
    expect(electHub([], 'alfa-peer')).toBeNull();
  });

  it('[R6] honours a preference while that peer is present', () => {
    const peers = room({ uplinkKbps: 50_000 }, {}, { uplinkKbps: 100 });
    expect(electHub(peers, 'whiskey-peer')).toBe('whiskey-peer');
  });

  it('[R6] ignores a preference for a peer that has left', () => {
    const peers = room({}, { uplinkKbps: 9_000 }, {});
    expect(electHub(peers, 'gone-peer-1')).toBe('alfa-peer');
  });

  it.each<[string, CapacityHints[], number]>([
    ['no hints: earliest joiner', [{}, {}, {}], 0],
    [
      'highest uplink wins',
      [{ uplinkKbps: 1_000 }, { uplinkKbps: 5_000 }, { uplinkKbps: 2_000 }],
      1,
    ],
    ['measured 0 kbps beats unmeasured', [{}, { uplinkKbps: 0 }, {}], 1],
    [
      'uplink beats device class',
      [
        { uplinkKbps: 100, deviceClass: 'server' },
        { uplinkKbps: 200, deviceClass: 'mobile' },
      ],
      1,
    ],
    [
      'equal uplink: server > desktop > mobile',
      [
        { uplinkKbps: 800, deviceClass: 'mobile' },
        { uplinkKbps: 800, deviceClass: 'desktop' },
        { uplinkKbps: 800, deviceClass: 'server' },
      ],
      2,
    ],
    ['mobile beats unknown', [{ deviceClass: 'unknown' }, { deviceClass: 'mobile' }], 1],
    ['unknown ties with absent: earliest joiner', [{}, { deviceClass: 'unknown' }], 0],
    [
      'full tie: earliest joiner',
      [
        { uplinkKbps: 300, deviceClass: 'desktop' },
        { uplinkKbps: 300, deviceClass: 'desktop' },
      ],
      0,
    ],
  ])('[R6] without a preference, %s', (_name, capacities, expected) => {
    expect(electHub(room(...capacities), null)).toBe(ids(capacities.length)[expected]);
  });

  it('[R6] breaks a capacity tie by join time, not by list position or id', () => {
    const peers: PlanPeer[] = [
      { id: 'kilo-peer', joinedAt: 5_000, capacity: {} },
      { id: 'alfa-peer', joinedAt: 2_000, capacity: {} },
    ];
    expect(electHub(peers, null)).toBe('alfa-peer');
  });

  it('[R6] elects a present peer that no other peer outranks', () => {
    const hints = fc.record(
      {
        uplinkKbps: fc.integer({ min: 0, max: 10_000 }),
        deviceClass: fc.constantFrom('server', 'desktop', 'mobile', 'unknown' as const),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(hints, { minLength: 1, maxLength: 16 }), (capacities) => {
        const peers = room(...capacities);
        const hub = electHub(peers, null);
        const chosen = peers.find((p) => p.id === hub);
        expect(chosen).toBeDefined();
        const best = Math.max(...capacities.map((c) => c.uplinkKbps ?? -1));
        expect(chosen?.capacity.uplinkKbps ?? -1).toBe(best);
        // Order-independent: the same peers listed in reverse elect the same hub.
        expect(electHub([...peers].reverse(), null)).toBe(hub);
      }),
    );
  });
});
