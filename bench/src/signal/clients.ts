import {
  type ClientToServerEvents,
  type JoinResult,
  PROTOCOL_VERSION,
  type ServerToClientEvents,
} from '@meshwork/protocol';
import { io, type Socket } from 'socket.io-client';

/** A typed signal client, as the browser session holds one. */
export type SignalClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** How long one connect or ack may take before the benchmark gives up. */
export const CLIENT_TIMEOUT_MS = 20_000;

/** Opens a websocket-only client to 127.0.0.1 (no reconnection); resolves once connected. */
export function connectClient(url: string): Promise<SignalClient> {
  const socket: SignalClient = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: CLIENT_TIMEOUT_MS,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/**
 * A public key of the [P14] shape. The signal app publishes keys without using them, so one
 * key for every benchmark client measures the same server work as a real key per session.
 */
const BENCH_PUBLIC_KEY = `B${'A'.repeat(86)}`;

/** Sends a join like the client session does and resolves with its ack. */
export function joinRoom(socket: SignalClient, roomId: string, name: string): Promise<JoinResult> {
  return socket.timeout(CLIENT_TIMEOUT_MS).emitWithAck('join', {
    protocolVersion: PROTOCOL_VERSION,
    roomId,
    displayName: name,
    media: { audio: true, video: true, screen: false },
    publicKey: BENCH_PUBLIC_KEY,
  });
}

/**
 * Answers every prepared plan with `planReady` at once, as a client whose links came up
 * instantly would, so plans commit instead of waiting out the deadline.
 */
export function autoReady(socket: SignalClient): void {
  socket.on('planPrepared', (plan) => {
    socket.emit('planReady', { version: plan.version }, () => {});
  });
}

/** Answers the plan a join ack carries with `planReady`, as the session does once linked. */
export function readyForJoinPlan(socket: SignalClient, res: JoinResult): void {
  if (res.ok) socket.emit('planReady', { version: res.plan.version }, () => {});
}

/** Leaves (so the peer is dropped at once, without a grace period) and closes. */
export async function leaveAndClose(socket: SignalClient): Promise<void> {
  if (socket.connected) {
    try {
      await socket.timeout(CLIENT_TIMEOUT_MS).emitWithAck('leave');
    } catch {
      // Closing anyway: a lost ack only means the peer waits out its grace period.
    }
  }
  socket.close();
}

/** Milliseconds since an arbitrary origin, high resolution. */
export function nowMs(): number {
  return performance.now();
}
