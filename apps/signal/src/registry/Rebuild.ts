import { type Clock, Timers } from '@meshwork/kit';
import { type LinkKey, linkKey, parseLinkKey } from '@meshwork/mesh/plan';
import type { PeerId } from '@meshwork/protocol';
import { ensureHost, settingsChanged } from './Roles';
import type { HintedLink, PeerState, RebuildState, RoomState } from './Room';
import type { RoomWidePlan } from './StoredPlan';
import type { Effect, ResumeRequest } from './types';

/** The links a resumer names in its hints. */
export type LinkHints = NonNullable<NonNullable<ResumeRequest['hints']>['links']>;

/** Whether both ends of a hinted link may be in the rebuilt plan, and the resumed ends agree. */
function confirmed(room: RoomState, state: RebuildState, key: LinkKey, link: HintedLink): boolean {
  return parseLinkKey(key).every((id) =>
    room.byId.has(id) ? link.claimedBy.has(id) : state.expected.has(id),
  );
}

/**
 * The plan of a room still being rebuilt: exactly the confirmed hinted links, so no link opens
 * that was not there before the restart and none closes while its peers come back. Resumed
 * peers come first in join order, expected ones after (their join times are unknown until they
 * resume; link roles of links already open do not change, and the first full plan orders all).
 */
export function rebuildPlan(room: RoomState, state: RebuildState, version: number): RoomWidePlan {
  const order = [...room.peers.map((p) => p.id), ...state.expected];
  const rank = new Map(order.map((id, i) => [id, i]));
  const edges: Array<readonly [PeerId, PeerId]> = [];
  const epochs = new Map<LinkKey, number>();
  for (const [key, link] of state.links) {
    if (!confirmed(room, state, key, link)) continue;
    const [x, y] = parseLinkKey(key);
    const pair = (rank.get(x) ?? 0) < (rank.get(y) ?? 0) ? ([x, y] as const) : ([y, x] as const);
    edges.push(pair);
    // A new life starts in the first plan that holds it and keeps that epoch afterwards.
    link.epoch ??= version;
    epochs.set(key, link.epoch);
  }
  edges.sort(
    (p, q) =>
      (rank.get(p[0]) ?? 0) - (rank.get(q[0]) ?? 0) ||
      (rank.get(p[1]) ?? 0) - (rank.get(q[1]) ?? 0),
  );
  const adjacency = new Map<PeerId, PeerId[]>(order.map((id) => [id, []]));
  for (const [x, y] of edges) {
    adjacency.get(x)?.push(y);
    adjacency.get(y)?.push(x);
  }
  for (const list of adjacency.values())
    list.sort((p, q) => (rank.get(p) ?? 0) - (rank.get(q) ?? 0));
  const hub =
    room.topology !== 'star'
      ? null
      : room.hubPreference !== null && rank.has(room.hubPreference)
        ? room.hubPreference
        : mostLinked(order, adjacency);
  const graph = { order, adjacency, edges };
  return {
    version,
    topology: room.topology,
    hub,
    graph,
    epochs,
    away: new Set<PeerId>(),
    trial: new Set<LinkKey>(),
  };
}

function mostLinked(order: readonly PeerId[], adjacency: Map<PeerId, PeerId[]>): PeerId | null {
  let best: PeerId | null = null;
  for (const id of order) {
    if (best === null || (adjacency.get(id)?.length ?? 0) > (adjacency.get(best)?.length ?? 0))
      best = id;
  }
  return best;
}

/**
 * Ends a rebuild if nobody is expected any more, or at once when `force` (a newcomer or a
 * settings change: the room runs on its own plans from then on). The confirmed links' epochs are
 * left for the next prepare, so their lives go on; the others start new lives. Expiry timers left behind find no rebuild and
 * do nothing. Returns whether the rebuild ended.
 */
export function finishRebuild(room: RoomState, force = false): boolean {
  const state = room.rebuild;
  if (state === null || (!force && state.expected.size > 0)) return false;
  for (const [key, link] of state.links) {
    // A link only one end held gets a new life if the room plans it: the other end has no
    // connection for the old one to answer.
    room.epochOverrides.set(key, confirmed(room, state, key, link) ? link.epoch : null);
  }
  room.rebuild = null;
  return true;
}

/** What rebuilding needs from the registry around it. */
export interface RebuildDeps {
  clock: Clock;
  /** Expected ids are forgotten this long after they were first named. */
  graceMs: number;
  /** Most expected ids one room holds (the room cap: no honest room names more). */
  maxExpected: number;
  /** Re-plans a room whose expected ids changed; returns the effects. */
  replan: (room: RoomState) => Effect[];
  onEffects: (effects: Effect[]) => void;
  isLive: (room: RoomState) => boolean;
}

/** Keeps rebuilt rooms' expected ids and hinted links, and forgets them at grace (SPEC [P16]). */
export class Rebuild {
  private readonly expiries: Timers<string>;

  constructor(private readonly deps: RebuildDeps) {
    this.expiries = new Timers(deps.clock);
  }

  /** Marks a room created by a resume as rebuilding. */
  start(room: RoomState): void {
    room.rebuild = { expected: new Set(), links: new Map() };
  }

  /**
   * A resumed peer arrives in a rebuilding room: it fills its expected entry, confirms or refuses
   * the links others named towards it, and names its own (only ids not in the room, and epochs
   * no later than the room's proven version, are taken).
   */
  arrive(room: RoomState, peer: PeerState, hints: LinkHints): void {
    const state = room.rebuild;
    if (state === null) return;
    state.expected.delete(peer.id);
    this.expiries.clear(this.key(room, peer.id));
    const named = new Map(hints.map((l) => [l.peer, l.epoch]));
    for (const [other, epoch] of named) {
      if (other === peer.id) continue;
      const key = linkKey(peer.id, other);
      const link = state.links.get(key);
      const valid = epoch <= room.version ? epoch : null;
      if (link !== undefined) {
        link.claimedBy.add(peer.id);
        if (link.epoch !== valid) link.epoch = null;
        continue;
      }
      // A resumed peer that did not name this link has refused it; only expected ends wait.
      if (room.byId.has(other)) continue;
      if (!state.expected.has(other)) {
        if (state.expected.size >= this.deps.maxExpected) continue;
        this.expect(room, state, other);
      }
      state.links.set(key, { claimedBy: new Set([peer.id]), epoch: valid });
    }
    this.prune(room, state);
  }

  /** A resumed peer left a rebuilding room: its claims go, and ids only it named. */
  forget(room: RoomState, id: PeerId): void {
    const state = room.rebuild;
    if (state === null) return;
    for (const link of state.links.values()) link.claimedBy.delete(id);
    this.prune(room, state);
  }

  /** Ends the rebuild if nobody is expected any more (see `finishRebuild`). */
  finish(room: RoomState, force = false): boolean {
    const expected = [...(room.rebuild?.expected ?? [])];
    if (!finishRebuild(room, force)) return false;
    for (const id of expected) this.expiries.clear(this.key(room, id));
    return true;
  }

  /** Stops the expiry timers of a room that is going away. */
  drop(room: RoomState): void {
    for (const id of room.rebuild?.expected ?? []) this.expiries.clear(this.key(room, id));
    room.rebuild = null;
  }

  /** Stops every timer. */
  close(): void {
    this.expiries.clearAll();
  }

  private expect(room: RoomState, state: RebuildState, id: PeerId): void {
    state.expected.add(id);
    // Keyed by room too: a hint naming another room's peer must not touch that peer's timers.
    this.expiries.set(this.key(room, id), this.deps.graceMs, () => {
      if (!this.deps.isLive(room) || room.rebuild !== state || !state.expected.has(id)) return;
      state.expected.delete(id);
      this.prune(room, state);
      const effects: Effect[] = [];
      if (this.finish(room) && ensureHost(room)) effects.push(...settingsChanged(room));
      effects.push(...this.deps.replan(room));
      this.deps.onEffects(effects);
    });
  }

  /** Drops links with an end that is neither resumed nor expected, and ids nobody names. */
  private prune(room: RoomState, state: RebuildState): void {
    for (const [key, link] of state.links) {
      const ends = parseLinkKey(key);
      const alive = ends.every((id) => room.byId.has(id) || state.expected.has(id));
      if (!alive || link.claimedBy.size === 0) state.links.delete(key);
    }
    const named = new Set([...state.links.keys()].flatMap(parseLinkKey));
    for (const id of state.expected) {
      if (named.has(id)) continue;
      state.expected.delete(id);
      this.expiries.clear(this.key(room, id));
    }
  }

  private key(room: RoomState, id: PeerId): string {
    return `${room.id} ${id}`;
  }
}
