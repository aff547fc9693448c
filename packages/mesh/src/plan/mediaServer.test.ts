import type { PeerId, Topology } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { expectAgreeingTables, expectExactRoutes, ids, keysOf, peersOf } from './fixtures';
import { linkKey } from './linkKey';
import { computeRoomPlan } from './roomPlan';

// Four people and a media server that joined second (peer index 1).
const order = ids(5);
const server = order[1] as PeerId;
const people = order.filter((p) => p !== server);
const peers = peersOf(order).map((p) => (p.id === server ? { ...p, mediaServer: true } : p));

const plan = (topology: Topology, hubPreference: PeerId | null = null) =>
  computeRoomPlan({ topology, peers, hubPreference, failedLinks: new Set() }, 1, new Map());

describe('media server in the plan', () => {
  it.each([
    ['mesh', people.length * (people.length - 1) * 0.5],
    ['ring', people.length],
  ] as const)('[R17] %s leaves the server out: people link among themselves', (topology, links) => {
    const p = plan(topology);
    expect(p.graph.order).toEqual(people);
    expect(p.graph.edges).toHaveLength(links);
    expect(p.graph.edges.flat()).not.toContain(server);
    const own = p.peers.get(server);
    expect(own).toMatchObject({ self: server, links: [], receive: [], forward: [] });
    expect(own?.order).toEqual(people);
    expectExactRoutes(p);
    expectAgreeingTables(p);
  });

  it('[R17] a star with the server as hub links the server to everyone, routes go through it', () => {
    const p = plan('star', server);
    expect(p.hub).toBe(server);
    expect(p.graph.order).toEqual([server, ...people]);
    for (const link of p.peers.get(server)?.links ?? []) expect(link.offerer).toBe(true);
    expect(keysOf(p.graph)).toEqual(people.map((x) => linkKey(x, server)).sort());
    for (const receiver of people) {
      // The server is an origin like any peer; it has no camera, so nothing comes on its route.
      const routes = (p.peers.get(receiver)?.receive ?? []).filter((r) => r.origin !== server);
      expect(routes.map((r) => r.origin)).toEqual(people.filter((x) => x !== receiver));
      for (const r of routes) expect(r.path).toEqual([r.origin, server, receiver]);
    }
    expectExactRoutes(p);
  });

  it('[R17] a star with a person as hub leaves the server idle', () => {
    const p = plan('star', people[2] as PeerId);
    expect(p.hub).toBe(people[2]);
    expect(p.graph.order).toEqual(people);
    expect(p.peers.get(server)?.links).toEqual([]);
  });
});
