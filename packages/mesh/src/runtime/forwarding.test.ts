import type { PeerId, PlanForward } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { dataArrivesFrom, dataNextHops, type OutgoingTrack, planForwarding } from './forwarding';
import type { TrackIdentity } from './manifest';
import { handPlan } from './testing/plans';

const ME = 'peer-self';
const video = (origin: PeerId): TrackIdentity => ({ origin, key: 'cam', kind: 'video' });
const audio = (origin: PeerId): TrackIdentity => ({ origin, key: 'cam', kind: 'audio' });

interface Case {
  name: string;
  /** Forward tables, newest plan first. */
  plans: PlanForward[][];
  local?: Array<{ key: string; kind: 'audio' | 'video' }>;
  available?: Record<PeerId, TrackIdentity[]>;
  announced?: Record<PeerId, TrackIdentity[]>;
  expected: Record<PeerId, OutgoingTrack[]>;
}

const cases: Case[] = [
  {
    name: 'local streams go to every child of our own tree',
    plans: [
      [
        { origin: ME, to: 'peer-bbbb', from: null },
        { origin: ME, to: 'peer-cccc', from: null },
      ],
    ],
    local: [
      { key: 'cam', kind: 'video' },
      { key: 'cam', kind: 'audio' },
    ],
    expected: {
      'peer-bbbb': [
        { ...video(ME), from: null },
        { ...audio(ME), from: null },
      ],
      'peer-cccc': [
        { ...video(ME), from: null },
        { ...audio(ME), from: null },
      ],
    },
  },
  {
    name: 'a relay takes the origin tracks that arrived on the `from` link',
    plans: [[{ origin: 'peer-cccc', to: 'peer-bbbb', from: 'peer-cccc' }]],
    available: { 'peer-cccc': [video('peer-cccc'), video('peer-dddd')] },
    expected: { 'peer-bbbb': [{ ...video('peer-cccc'), from: 'peer-cccc' }] },
  },
  {
    name: 'nothing is relayed before it arrives',
    plans: [[{ origin: 'peer-cccc', to: 'peer-bbbb', from: 'peer-cccc' }]],
    available: {},
    expected: { 'peer-bbbb': [] },
  },
  {
    name: 'the newer plan source wins once its track arrived',
    plans: [
      [{ origin: 'peer-dddd', to: 'peer-bbbb', from: 'peer-dddd' }],
      [{ origin: 'peer-dddd', to: 'peer-bbbb', from: 'peer-cccc' }],
    ],
    available: { 'peer-dddd': [video('peer-dddd')], 'peer-cccc': [video('peer-dddd')] },
    expected: { 'peer-bbbb': [{ ...video('peer-dddd'), from: 'peer-dddd' }] },
  },
  {
    name: 'until then the older plan source keeps feeding the link (make before break)',
    plans: [
      [{ origin: 'peer-dddd', to: 'peer-bbbb', from: 'peer-dddd' }],
      [{ origin: 'peer-dddd', to: 'peer-bbbb', from: 'peer-cccc' }],
    ],
    available: { 'peer-dddd': [], 'peer-cccc': [video('peer-dddd')] },
    expected: { 'peer-bbbb': [{ ...video('peer-dddd'), from: 'peer-cccc' }] },
  },
  {
    name: 'a track only announced is relayed where no source of it has arrived',
    plans: [
      [{ origin: 'peer-dddd', to: 'peer-bbbb', from: 'peer-dddd' }],
      [{ origin: 'peer-dddd', to: 'peer-bbbb', from: 'peer-cccc' }],
    ],
    available: {},
    announced: { 'peer-dddd': [video('peer-dddd')] },
    expected: { 'peer-bbbb': [{ ...video('peer-dddd'), from: 'peer-dddd' }] },
  },
  {
    name: 'a newer source only announced never displaces one that arrived',
    plans: [
      [{ origin: 'peer-dddd', to: 'peer-bbbb', from: 'peer-dddd' }],
      [{ origin: 'peer-dddd', to: 'peer-bbbb', from: 'peer-cccc' }],
    ],
    available: { 'peer-cccc': [video('peer-dddd')] },
    announced: { 'peer-dddd': [video('peer-dddd')] },
    expected: { 'peer-bbbb': [{ ...video('peer-dddd'), from: 'peer-cccc' }] },
  },
  {
    name: 'an older plan forward the new one dropped runs until commit',
    plans: [[], [{ origin: ME, to: 'peer-bbbb', from: null }]],
    local: [{ key: 'cam', kind: 'video' }],
    expected: { 'peer-bbbb': [{ ...video(ME), from: null }] },
  },
  {
    name: 'never sends a peer its own streams back',
    plans: [[{ origin: 'peer-bbbb', to: 'peer-bbbb', from: 'peer-cccc' }]],
    available: { 'peer-cccc': [video('peer-bbbb')] },
    expected: {},
  },
  {
    name: 'never relays its own origin from a remote link',
    plans: [[{ origin: ME, to: 'peer-bbbb', from: 'peer-cccc' }]],
    available: { 'peer-cccc': [video(ME)] },
    expected: { 'peer-bbbb': [] },
  },
];

describe('planForwarding', () => {
  it.each(cases)('[M10] $name', ({ plans, local, available, announced, expected }) => {
    const result = planForwarding({
      self: ME,
      plans: plans.map((forward, i) => handPlan(ME, 10 - i, { forward })),
      local: local ?? [],
      available: new Map(Object.entries(available ?? {})),
      announced: new Map(Object.entries(announced ?? {})),
    });
    expect(Object.fromEntries(result)).toEqual(expected);
  });
});

describe('dataNextHops', () => {
  const newer = handPlan(ME, 2, {
    forward: [
      { origin: 'peer-aaaa', to: 'peer-bbbb', from: 'peer-aaaa' },
      { origin: 'peer-aaaa', to: 'peer-cccc', from: 'peer-aaaa' },
      { origin: 'peer-aaaa', to: 'peer-aaaa', from: 'peer-dddd' },
    ],
  });
  const older = handPlan(ME, 1, {
    forward: [
      { origin: 'peer-aaaa', to: 'peer-dddd', from: 'peer-aaaa' },
      { origin: 'peer-aaaa', to: 'peer-gone', from: 'peer-aaaa' },
      { origin: 'peer-bbbb', to: 'peer-cccc', from: 'peer-bbbb' },
    ],
  });
  const linked = (peer: PeerId) => peer !== 'peer-gone';

  it('[M14] a message goes on along the forward entries of every plan in force, once each', () => {
    expect(dataNextHops([newer, older], 'peer-aaaa', 'peer-aaaa', linked)).toEqual([
      'peer-bbbb',
      'peer-cccc',
      'peer-dddd',
    ]);
  });

  it('[M14] never back to where it came from, to its origin, or to a peer without a link', () => {
    expect(dataNextHops([newer, older], 'peer-aaaa', 'peer-cccc', linked)).toEqual([
      'peer-bbbb',
      'peer-dddd',
    ]);
    expect(dataNextHops([older], 'peer-bbbb', null, linked)).toEqual(['peer-cccc']);
    expect(dataNextHops([older], 'peer-eeee', null, linked)).toEqual([]);
  });
});

describe('dataArrivesFrom', () => {
  const route = (origin: PeerId, from: PeerId) => ({ origin, from, path: [origin, from, ME] });
  const committed = handPlan(ME, 1, { receive: [route('peer-aaaa', 'peer-bbbb')] });
  const prepared = handPlan(ME, 2, { receive: [route('peer-aaaa', 'peer-cccc')] });
  const cases: Array<[string, PeerId, PeerId, boolean]> = [
    ['the committed route', 'peer-aaaa', 'peer-bbbb', true],
    ['the prepared route', 'peer-aaaa', 'peer-cccc', true],
    ['a neighbour no plan routes the origin through', 'peer-aaaa', 'peer-dddd', false],
    ['an origin no plan routes to us', 'peer-eeee', 'peer-bbbb', false],
  ];
  it.each(cases)('[M20] %s', (_name, origin, from, expected) => {
    expect(dataArrivesFrom([prepared, committed], origin, from)).toBe(expected);
  });
});
