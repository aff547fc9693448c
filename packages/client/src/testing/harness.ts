// Test support: a ClientSession over a fake socket, a fake mesh and a FakeClock. Not exported.
import { FakeClock } from '@meshwork/kit';
import { ClientSession } from '../ClientSession';
import type { ClientSessionOptions, SessionStatusChange } from '../types';
import { FakeMesh } from './FakeMesh';
import { type FakeSocket, fakeConnect } from './FakeSocket';
import { joinOk, joinOptions, type LogLine, recordingLogger } from './fixtures';

/** Everything one test sees: the clock, the sockets and meshes made so far, and the logs. */
export interface Harness {
  clock: FakeClock;
  sockets: FakeSocket[];
  meshes: FakeMesh[];
  logs: LogLine[];
  /** Session options over the fakes, with `overrides` on top. */
  options(overrides?: Partial<ClientSessionOptions>): ClientSessionOptions;
  /** A new session and the status changes it announces. */
  session(overrides?: Partial<ClientSessionOptions>): {
    session: ClientSession;
    statuses: SessionStatusChange[];
  };
  /** The newest socket. */
  socket(): FakeSocket;
  /** A session joined through the newest socket with `joinOk()` (or `ok`). */
  joined(
    overrides?: Partial<ClientSessionOptions>,
    ok?: ReturnType<typeof joinOk>,
  ): Promise<{
    session: ClientSession;
    statuses: SessionStatusChange[];
    socket: FakeSocket;
    mesh: FakeMesh;
  }>;
}

/** A fresh harness; make one per test. */
export function createHarness(): Harness {
  const clock = new FakeClock();
  const sockets: FakeSocket[] = [];
  const meshes: FakeMesh[] = [];
  const logs: LogLine[] = [];
  const h: Harness = {
    clock,
    sockets,
    meshes,
    logs,
    options: (overrides = {}) => ({
      url: 'http://signal.test',
      logger: recordingLogger(logs),
      createPeerConnection: () => {
        throw new Error('not used');
      },
      createMediaStream: () => {
        throw new Error('not used');
      },
      clock,
      random: () => 0.5,
      reconnectDelayMs: { min: 100, max: 1_000 },
      connect: fakeConnect(sockets),
      createMesh: (options) => {
        const m = new FakeMesh(options);
        meshes.push(m);
        return m;
      },
      subtle: globalThis.crypto.subtle,
      ...overrides,
    }),
    session: (overrides) => {
      const session = new ClientSession(h.options(overrides));
      const statuses: SessionStatusChange[] = [];
      session.on('statusChanged', (s) => statuses.push({ ...s }));
      return { session, statuses };
    },
    socket: () => {
      const socket = sockets.at(-1);
      if (!socket) throw new Error('no socket yet');
      return socket;
    },
    joined: async (overrides, ok = joinOk()) => {
      const { session, statuses } = h.session(overrides);
      const done = session.join(joinOptions);
      const socket = h.socket();
      socket.serverConnect();
      await socket.ackJoin(ok);
      await done;
      return { session, statuses, socket, mesh: meshes.at(-1) as FakeMesh };
    },
  };
  return h;
}
