import type { PeerId, PeerInfo } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { decodersAfterSwitch, exposureOf, type PlanShape, shieldOf } from './plaintext';

const [A, B, C, D, H] = ['peer-aaaa', 'peer-bbbb', 'peer-cccc', 'peer-dddd', 'peer-hhhh'];
const none = new Set<PeerId>();

const mesh = (ids: PeerId[]): PlanShape => ({
  order: ids,
  edges: ids.flatMap((a, i) => ids.slice(i + 1).map((b) => [a, b] as [PeerId, PeerId])),
});
const star = (hub: PeerId, ids: PeerId[]): PlanShape => ({
  order: [hub, ...ids],
  edges: ids.map((id) => [hub, id] as [PeerId, PeerId]),
});
const ring = (ids: PeerId[]): PlanShape => ({
  order: ids,
  edges: ids.map((id, i) => [id, ids[(i + 1) % ids.length] as PeerId] as [PeerId, PeerId]),
});

const person = (id: PeerId, joinedAt: number, server = false) =>
  ({
    id,
    joinedAt,
    capacity: server ? { deviceClass: 'server' } : {},
  }) as Pick<PeerInfo, 'id' | 'joinedAt' | 'capacity'>;

describe('who sees your media in plaintext', () => {
  it.each<[string, PlanShape, PeerId, ReadonlySet<PeerId>, PeerId[], PeerId[]]>([
    ['mesh: nobody between', mesh([A, B, C]), A, none, [], []],
    ['star through a browser: the hub decodes a leaf', star(B, [A, C, D]), A, none, [B], []],
    [
      'star through a browser: the hub’s own video passes no one',
      star(B, [A, C, D]),
      B,
      none,
      [],
      [],
    ],
    ['star through the server hub: it only forwards', star(H, [A, B, C]), A, new Set([H]), [], [H]],
    [
      'hybrid star through a browser: audio goes direct, but the hub still decodes the video',
      { ...mesh([B, A, C, D]), videoEdges: star(B, [A, C, D]).edges },
      A,
      none,
      [B],
      [],
    ],
    ['ring of four: the neighbour relays to the far side', ring([A, B, C, D]), A, none, [B], []],
    ['ring of three is a mesh', ring([A, B, C]), A, none, [], []],
  ])('[P31] %s', (_what, plan, origin, servers, decoders, forwarders) => {
    expect(exposureOf(plan, origin, servers)).toEqual({ decoders, forwarders });
  });

  it('[P31] the shield says end-to-end only when on, encrypting and no browser relays', () => {
    const servers = new Set([H]);
    const base = { e2ee: true, encrypting: true, servers };
    expect(shieldOf({ ...base, plan: mesh([A, B, C]) })).toBe('encrypted');
    expect(shieldOf({ ...base, plan: star(H, [A, B, C]) })).toBe('encrypted');
    expect(shieldOf({ ...base, plan: star(B, [A, C, D]), servers: none })).toBe('relayed');
    expect(shieldOf({ ...base, plan: ring([A, B, C, D]) })).toBe('relayed');
    expect(shieldOf({ ...base, encrypting: false, plan: mesh([A, B]) })).toBe('pending');
    expect(shieldOf({ ...base, e2ee: false, plan: mesh([A, B]) })).toBe('off');
  });

  it('[P31] a switch that would make browsers decode names them before it happens', () => {
    const people = [person(A, 1), person(B, 2), person(C, 3), person(D, 4)];
    expect(decodersAfterSwitch('mesh', people, null)).toEqual([]);
    expect(decodersAfterSwitch('ring', people, null).length).toBeGreaterThan(0);
    expect(decodersAfterSwitch('star', people, B)).toEqual([B]);
    // With a media hub in the room the star goes through it: nobody decodes.
    const withHub = [person(H, 0, true), ...people];
    expect(decodersAfterSwitch('star', withHub, null)).toEqual([]);
  });
});
