import {
  carriesKind,
  type PeerId,
  type PeerPlan,
  type PlanRoute,
  type TrackKind,
} from '@meshwork/protocol';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allPairs, expectConsistentRoles, id, ids, keysOf, peersOf } from './fixtures';
import { linkKey } from './linkKey';
import { computeRoomPlan } from './roomPlan';
import type { LinkKey, PlanInput, PlanPeer, RoomPlan } from './types';

const KINDS: readonly TrackKind[] = ['audio', 'video'];

function hybrid(
  topology: 'star' | 'ring',
  order: readonly PeerId[],
  options: { hub?: PeerId | null; failed?: Iterable<LinkKey>; peers?: PlanPeer[] } = {},
): RoomPlan {
  const input: PlanInput = {
    topology,
    audioRouting: 'mesh',
    peers: options.peers ?? peersOf(order),
    hubPreference: options.hub ?? null,
    failedLinks: new Set(options.failed ?? []),
  };
  return computeRoomPlan(input, 1, new Map());
}

function mine(plan: RoomPlan, self: PeerId): PeerPlan {
  const own = plan.peers.get(self);
  if (own === undefined) throw new Error(`No plan for ${self}`);
  return own;
}

/** The one route of `origin` at `self` that carries `kind`; fails on none or several. */
function routeOf(own: PeerPlan, origin: PeerId, kind: TrackKind): PlanRoute {
  const routes = own.receive.filter((r) => r.origin === origin && carriesKind(r, kind));
  expect(routes, `${own.self} receives ${origin}'s ${kind} once`).toHaveLength(1);
  return routes[0] as PlanRoute;
}

/** Whether `a` and `b` are neighbours on the ring over `order`. */
function ringNeighbours(order: readonly PeerId[], a: PeerId, b: PeerId): boolean {
  const n = order.length;
  const i = order.indexOf(a);
  const j = order.indexOf(b);
  return (i + 1) % n === j || (j + 1) % n === i;
}

/**
 * [R18] Every peer receives every other origin's audio and video exactly once; forward rules
 * and routes agree per kind: X forwards o's kind k to P exactly when P takes o's k from X, and X
 * takes it from the link it receives o's k on.
 */
function expectAgreeingKinds(plan: RoomPlan): void {
  const people = plan.graph.order;
  for (const kind of KINDS) {
    const sends = new Set<string>();
    const receives = new Set<string>();
    for (const self of people) {
      const own = mine(plan, self);
      for (const origin of people) {
        if (origin === self) continue;
        const route = routeOf(own, origin, kind);
        expect(route.path[0]).toBe(origin);
        expect(route.path.at(-1)).toBe(self);
        expect(route.path.at(-2)).toBe(route.from);
        expect(own.links.map((l) => l.peer)).toContain(route.from);
        receives.add(`${origin}:${route.from}>${self}`);
      }
      for (const rule of own.forward.filter((f) => carriesKind(f, kind))) {
        const inbound = rule.origin === self ? null : routeOf(own, rule.origin, kind).from;
        expect(rule.from).toBe(inbound);
        const key = `${rule.origin}:${self}>${rule.to}`;
        expect(sends.has(key), `${key} forwarded twice`).toBe(false);
        sends.add(key);
      }
    }
    expect(sends).toEqual(receives);
  }
}

describe('hybrid plan: audio over the mesh, video over a star or ring', () => {
  it('[R18] property: for every room size and hub, audio is one hop and video follows the star', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 16 })
          .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n - 1 }))),
        ([n, h]) => {
          const order = ids(n);
          const hub = id(h);
          const plan = hybrid('star', order, { hub });
          expect(plan.hub).toBe(hub);
          // The links are the union: the audio mesh already holds every pair.
          expect(keysOf(plan.graph)).toEqual(allPairs(order).sort());
          expect(plan.videoEdges?.map(([a, b]) => linkKey(a, b)).sort()).toEqual(
            order
              .filter((p) => p !== hub)
              .map((p) => linkKey(p, hub))
              .sort(),
          );
          for (const self of order) {
            const own = mine(plan, self);
            expect(own.videoEdges).toEqual(plan.videoEdges?.map(([a, b]) => [a, b]));
            for (const origin of order) {
              if (origin === self) continue;
              expect(routeOf(own, origin, 'audio').path).toEqual([origin, self]);
              const video = routeOf(own, origin, 'video').path;
              expect(video).toEqual(
                origin === hub || self === hub ? [origin, self] : [origin, hub, self],
              );
            }
          }
          expectAgreeingKinds(plan);
          expectConsistentRoles(plan);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('[R18] property: for every room size, audio is one hop and video follows the ring', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16 }), (n) => {
        const order = ids(n);
        const plan = hybrid('ring', order);
        expect(plan.hub).toBeNull();
        expect(keysOf(plan.graph)).toEqual(allPairs(order).sort());
        for (const self of order) {
          const own = mine(plan, self);
          for (const origin of order) {
            if (origin === self) continue;
            expect(routeOf(own, origin, 'audio').path).toEqual([origin, self]);
            const video = routeOf(own, origin, 'video').path;
            expect(video.length - 1).toBeLessThanOrEqual(Math.floor(n / 2));
            for (let i = 1; i < video.length; i++) {
              expect(ringNeighbours(order, video[i - 1] as PeerId, video[i] as PeerId)).toBe(true);
            }
          }
        }
        expectAgreeingKinds(plan);
        expectConsistentRoles(plan);
      }),
      { numRuns: 40 },
    );
  });

  it('[R18] names a kind only where audio and video part, so unparted routes read as before', () => {
    const order = ids(4);
    const hub = id(0);
    const plan = hybrid('star', order, { hub });
    // The hub is one hop from everyone for both kinds: its routes and rules name no kind.
    expect(mine(plan, hub).receive.every((r) => r.kind === undefined)).toBe(true);
    expect(mine(plan, id(1)).receive).toEqual([
      { origin: hub, from: hub, path: [hub, id(1)] },
      { origin: id(2), from: id(2), path: [id(2), id(1)], kind: 'audio' },
      { origin: id(2), from: hub, path: [id(2), hub, id(1)], kind: 'video' },
      { origin: id(3), from: id(3), path: [id(3), id(1)], kind: 'audio' },
      { origin: id(3), from: hub, path: [id(3), hub, id(1)], kind: 'video' },
    ]);
    expect(mine(plan, id(1)).forward).toEqual([
      { origin: id(1), to: hub, from: null },
      { origin: id(1), to: id(2), from: null, kind: 'audio' },
      { origin: id(1), to: id(3), from: null, kind: 'audio' },
    ]);
    // The hub relays video only: audio never goes through it.
    const relayed = mine(plan, hub).forward.filter((f) => f.from !== null);
    expect(relayed.length).toBe(6);
    expect(relayed.every((f) => f.kind === 'video')).toBe(true);
  });

  it('[R18] a mesh, or audio that follows the topology, plans exactly as before', () => {
    const order = ids(5);
    const input = (topology: 'mesh' | 'star' | 'ring', audioRouting?: 'mesh' | 'follow') => ({
      topology,
      ...(audioRouting ? { audioRouting } : {}),
      peers: peersOf(order),
      hubPreference: null,
      failedLinks: new Set<LinkKey>(),
    });
    for (const topology of ['mesh', 'star', 'ring'] as const) {
      const plain = computeRoomPlan(input(topology), 3, new Map());
      const follow = computeRoomPlan(input(topology, 'follow'), 3, new Map());
      expect(follow.peers).toEqual(plain.peers);
      for (const own of plain.peers.values()) {
        expect(own.videoEdges).toBeUndefined();
        expect([...own.receive, ...own.forward].every((e) => e.kind === undefined)).toBe(true);
      }
    }
    const meshHybrid = computeRoomPlan(input('mesh', 'mesh'), 3, new Map());
    expect(meshHybrid.peers).toEqual(computeRoomPlan(input('mesh'), 3, new Map()).peers);
  });

  it('[R18] a failed link is routed around per kind: audio through a third peer, video as the star does', () => {
    const order = ids(4);
    const hub = id(0);
    const failed = [linkKey(id(1), id(2))];
    const plan = hybrid('star', order, { hub, failed });
    expect(keysOf(plan.graph)).not.toContain(linkKey(id(1), id(2)));
    const audio = routeOf(mine(plan, id(2)), id(1), 'audio').path;
    expect(audio).toHaveLength(3);
    expect(routeOf(mine(plan, id(2)), id(1), 'video').path).toEqual([id(1), hub, id(2)]);
    expectAgreeingKinds(plan);
  });

  it('[R18] [R17] through a media-server hub: video via the server, audio among the people only', () => {
    const server = 'media-hub-1';
    const people = ids(3);
    const peers: PlanPeer[] = [
      { id: server, joinedAt: 500, capacity: { deviceClass: 'server' }, mediaServer: true },
      ...peersOf(people),
    ];
    const plan = hybrid('star', [server, ...people], { peers });
    expect(plan.hub).toBe(server);
    expect(plan.graph.order[0]).toBe(server);
    for (const self of people) {
      const own = mine(plan, self);
      for (const origin of people) {
        if (origin === self) continue;
        expect(routeOf(own, origin, 'audio').path).toEqual([origin, self]);
        expect(routeOf(own, origin, 'video').path).toEqual([origin, server, self]);
      }
    }
    const relay = mine(plan, server);
    // It sends nothing of its own, and relays only video.
    expect(relay.forward.filter((f) => f.from !== null).length).toBe(6);
    expect(relay.forward.every((f) => f.kind === 'video')).toBe(true);
    expect(relay.receive.every((r) => r.kind === 'video')).toBe(true);
  });
});
