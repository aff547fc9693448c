// Test support: a real signal app on 127.0.0.1 with a media hub connected to it, and rooms of
// wrtc bots on it. Not part of the package's export list.
import { BotRoom, startSignal, type TestSignal } from '@meshwork/bots/testing';
import type { Topology } from '@meshwork/protocol';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { MediaHub } from '../service/MediaHub';

/** The suite's media hub secret. */
export const HUB_SECRET = 'hub-suite-secret-0123456789abcdef';
/** Frames each origin must advance by to count as flowing (15 fps: about a second). */
export const FLOWING_FRAMES = 15;
/** Deadline for a room to settle on a plan with every origin flowing, on a loaded machine. */
export const SETTLE_TIMEOUT_MS = 60_000;

/** One suite's signal app, hub and rooms. */
export interface HubSuite {
  readonly signal: TestSignal;
  readonly hub: MediaHub;
  newRoom(roomId: string): BotRoom;
  /** Starts a media hub on the suite's signal app (closed after the file). */
  startHub(options?: { maxRooms?: number; name?: string }): MediaHub;
}

/** Registers the hooks: one signal app and one hub per file, rooms left after each test. */
export function useHubSuite(): HubSuite {
  let signal: TestSignal | undefined;
  const hubs: MediaHub[] = [];
  const rooms: BotRoom[] = [];
  const startHub = (options: { maxRooms?: number; name?: string } = {}): MediaHub => {
    if (!signal) throw new Error('no signal app outside the tests');
    const hub = new MediaHub({
      url: signal.url,
      hubSecret: HUB_SECRET,
      name: options.name ?? `hub-${hubs.length}`,
      maxRooms: options.maxRooms ?? 10,
      maxStreams: 400,
      hostAddresses: ['127.0.0.1'],
    });
    hub.start();
    hubs.push(hub);
    return hub;
  };
  beforeAll(async () => {
    signal = await startSignal({ hubSecret: HUB_SECRET });
    startHub();
    await until(() => (signal?.server.hubs.list().length ?? 0) > 0, 10_000, 'the hub to connect');
  });
  afterEach(async () => {
    await Promise.all(rooms.splice(0).map((r) => r.close()));
  });
  afterAll(async () => {
    await Promise.allSettled(hubs.map((h) => h.close()));
    await signal?.close();
  });
  return {
    get signal() {
      if (!signal) throw new Error('no signal app outside the tests');
      return signal;
    },
    get hub() {
      const hub = hubs[0];
      if (!hub) throw new Error('no hub outside the tests');
      return hub;
    },
    startHub,
    newRoom(roomId) {
      const room = new BotRoom(this.signal.url, roomId);
      rooms.push(room);
      return room;
    },
  };
}

/** Polls `predicate` (every 50 ms) until it holds; rejects after `timeoutMs` naming `what`. */
export async function until(
  predicate: () => boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Resolves once every bot has committed one plan of `topology` whose hub is `hub` (null: any
 * hub, or none for mesh and ring) over the bots, plus the hub when it is in the graph.
 */
export async function committed(
  room: BotRoom,
  topology: Topology,
  hub: string | null,
  timeoutMs = SETTLE_TIMEOUT_MS,
): Promise<void> {
  const ids = new Set(room.bots.map((b) => b.id));
  const agreed = () => {
    const versions = new Set(room.bots.map((b) => b.committedPlanVersion));
    if (versions.size !== 1) return false;
    return room.bots.every((b) => {
      const plan = b.session.plan;
      if (plan === null || plan.version !== b.committedPlanVersion) return false;
      if (plan.topology !== topology) return false;
      if (hub !== null && plan.hub !== hub) return false;
      const people = plan.order.filter((id) => id !== plan.hub || ids.has(id));
      return people.length === ids.size && people.every((id) => ids.has(id));
    });
  };
  await Promise.all(
    room.bots.map((b) =>
      b.waitFor(agreed, { timeoutMs, what: `every bot to commit ${topology} (hub ${hub})` }),
    ),
  );
}

/** Window over which link rates are sampled for a failure report (rates need two readings). */
const RATE_WINDOW_MS = 1_000;

/**
 * Logs what each bot received of each origin (frames, hops, ms since the last frame), each bot's
 * link rates, and the hub's counters for `roomId`: what a failed `flowing` wait needs to be read.
 */
export async function logWhatArrived(
  room: BotRoom,
  hub: MediaHub,
  roomId: string,
  log: (line: string) => void,
): Promise<void> {
  for (const b of room.bots) {
    const rows = b
      .allStats()
      .map((x) => [
        x.origin.slice(0, 6),
        x.framesDecoded,
        x.route?.hops,
        x.lastFrameAt ? Date.now() - x.lastFrameAt : null,
      ]);
    log(`${b.name} (${b.id.slice(0, 6)}) received: ${JSON.stringify(rows)}`);
  }
  for (const b of room.bots) await b.session.getStats();
  await new Promise((resolve) => setTimeout(resolve, RATE_WINDOW_MS));
  for (const b of room.bots) {
    const links = (await b.session.getStats()).map((l) => [
      l.peer.slice(0, 6),
      l.status,
      Math.round(l.outboundKbps),
      Math.round(l.inboundKbps),
    ]);
    log(`${b.name} links [peer, status, kbps out, kbps in]: ${JSON.stringify(links)}`);
  }
  log(`hub: ${JSON.stringify(hub.room(roomId)?.stats({ links: true }))}`);
}
