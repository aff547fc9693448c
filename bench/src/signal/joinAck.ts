import { roundSummary, type Summary, summarize } from '../lib/stats';
import {
  autoReady,
  CLIENT_TIMEOUT_MS,
  connectClient,
  joinRoom,
  leaveAndClose,
  nowMs,
  readyForJoinPlan,
  type SignalClient,
} from './clients';
import { ServerProcess } from './ServerProcess';

/** How many joins to time. */
export interface JoinAckOptions {
  /** Joins made first and not counted (JIT warm-up of the server). */
  warmupJoins: number;
  sequentialJoins: number;
  bursts: number;
  burstSize: number;
  /** Upper bound on the whole measurement. */
  timeBudgetMs: number;
}

/** Join-ack latencies in ms. */
export interface JoinAckResult {
  /** Connected socket: `join` emitted -> ack with the plan received; one join at a time. */
  joinAckMs: Summary;
  /** From opening the socket (websocket handshake included) to the join ack; one at a time. */
  connectToJoinAckMs: Summary;
  /** `join` emitted -> ack, `burstSize` sockets joining one fresh room at the same instant. */
  joinAckBurstMs: Summary;
}

function roomSizeFor(room: number): number {
  // Rooms of 8 to 16 peers, cycling, so joins see every room size in that range.
  return 8 + (room % 9);
}

function waitCommitted(socket: SignalClient, version: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off('planCommitted', onCommit);
      reject(new Error(`plan ${version} not committed within ${CLIENT_TIMEOUT_MS} ms`));
    }, CLIENT_TIMEOUT_MS);
    const onCommit = (event: { version: number }) => {
      if (event.version < version) return;
      clearTimeout(timer);
      socket.off('planCommitted', onCommit);
      resolve();
    };
    socket.on('planCommitted', onCommit);
  });
}

/**
 * Times joins against the signal app running in its own process. Sequential joins fill rooms of
 * 8-16; each waits until the previous join's plan is committed (every member answered
 * `planReady`), so it measures one join on a quiet server. Bursts open `burstSize` sockets and
 * send every join at once into one fresh room.
 */
export async function measureJoinAck(options: JoinAckOptions): Promise<JoinAckResult> {
  const server = await ServerProcess.start({ mode: 'meshwork' });
  const deadline = Date.now() + options.timeBudgetMs;
  const joinMs: number[] = [];
  const connectMs: number[] = [];
  const burstMs: number[] = [];
  try {
    let room = 0;
    let members: SignalClient[] = [];
    const total = options.warmupJoins + options.sequentialJoins;
    for (let i = 0; i < total && Date.now() < deadline; i++) {
      const opened = nowMs();
      const socket = await connectClient(server.url);
      autoReady(socket);
      const connected = nowMs();
      const res = await joinRoom(socket, `seq-${room}`, `Peer ${i}`);
      const acked = nowMs();
      if (!res.ok) throw new Error(`join refused: ${res.error}`);
      readyForJoinPlan(socket, res);
      if (i >= options.warmupJoins) {
        joinMs.push(acked - connected);
        connectMs.push(acked - opened);
      }
      members.push(socket);
      // The joiner commits last: every member's planReady has reached the server by then.
      if (members.length > 1) await waitCommitted(socket, res.plan.version);
      if (members.length >= roomSizeFor(room)) {
        await Promise.all(members.map(leaveAndClose));
        members = [];
        room += 1;
      }
    }
    await Promise.all(members.map(leaveAndClose));

    for (let b = 0; b < options.bursts && Date.now() < deadline; b++) {
      const sockets = await Promise.all(
        Array.from({ length: options.burstSize }, () => connectClient(server.url)),
      );
      for (const s of sockets) autoReady(s);
      const started = nowMs();
      const acks = await Promise.all(
        sockets.map((s, i) =>
          joinRoom(s, `burst-${b}`, `Burst ${i}`).then((res) => {
            const at = nowMs();
            if (!res.ok) throw new Error(`burst join refused: ${res.error}`);
            readyForJoinPlan(s, res);
            return at - started;
          }),
        ),
      );
      burstMs.push(...acks);
      await Promise.all(sockets.map(leaveAndClose));
    }
  } finally {
    await server.stop();
  }
  return {
    joinAckMs: roundSummary(summarize(joinMs)),
    connectToJoinAckMs: roundSummary(summarize(connectMs)),
    joinAckBurstMs: roundSummary(summarize(burstMs)),
  };
}
