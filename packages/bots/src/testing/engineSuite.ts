import type { Topology } from '@meshwork/protocol';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { BotRoom } from './room';
import { startSignal, type TestSignal } from './signal';

/** Resume secret of the suite's signal app, so a restarted app accepts the bots' resume hints. */
export const RESUME_SECRET = 'engine-test-resume-secret-0123456789';
/** Media hub secret of the suite's signal app: a bot presenting it may claim `server` ([P17]). */
export const HUB_SECRET = 'engine-test-hub-secret-0123456789';
/** Every topology, in the order the suites walk them. */
export const TOPOLOGIES: Topology[] = ['mesh', 'star', 'ring'];
/** Frames each origin must advance by to count as flowing (15 fps: about a second). */
export const FLOWING_FRAMES = 15;
/**
 * Longest a tile may go without a new frame across a live switch or a signal app restart. Runs
 * here show 0.1-0.3 s (15 fps on loopback, two shared cores); tiles frozen until links are
 * rebuilt, or media stopping while the signal app is away, go over it.
 */
export const MAX_FRAME_GAP_MS = 1_500;

/** One engine suite's signal app and rooms. */
export interface EngineSuite {
  /** A new room on the suite's signal app, closed after the test. */
  newRoom(roomId: string): BotRoom;
  /** Stops the signal app (bots keep their peer connections). */
  stopSignal(): Promise<void>;
  /** Starts the signal app again on the same port and secret. */
  restartSignal(): Promise<void>;
  /** Drops `peerId`'s socket from the server side (a network blip): it reconnects and resumes. */
  dropSocket(peerId: string): number;
}

/**
 * Registers the hooks of an engine suite: one signal app on 127.0.0.1 for the file, and every
 * room made through `newRoom` left after each test.
 */
export function useEngineSuite(): EngineSuite {
  let signal: TestSignal | undefined;
  const rooms: BotRoom[] = [];
  beforeAll(async () => {
    signal = await startSignal({ resumeSecret: RESUME_SECRET, hubSecret: HUB_SECRET });
  });
  afterEach(async () => {
    await Promise.all(rooms.splice(0).map((r) => r.close()));
  });
  afterAll(async () => {
    await signal?.close();
  });
  const current = (): TestSignal => {
    if (!signal) throw new Error('the engine suite has no signal app outside its tests');
    return signal;
  };
  return {
    newRoom(roomId) {
      const room = new BotRoom(current().url, roomId);
      rooms.push(room);
      return room;
    },
    stopSignal: () => current().close(),
    dropSocket(peerId) {
      let dropped = 0;
      for (const socket of current().server.io.of('/').sockets.values()) {
        if (socket.data.peerId !== peerId) continue;
        socket.disconnect(true);
        dropped++;
      }
      return dropped;
    },
    async restartSignal() {
      signal = await startSignal({
        port: current().port,
        resumeSecret: RESUME_SECRET,
        hubSecret: HUB_SECRET,
      });
    },
  };
}
