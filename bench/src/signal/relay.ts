import type { SignalRequest } from '@meshwork/protocol';
import { round } from '../lib/stats';
import {
  autoReady,
  CLIENT_TIMEOUT_MS,
  connectClient,
  joinRoom,
  leaveAndClose,
  readyForJoinPlan,
  type SignalClient,
} from './clients';
import type { ServerMode } from './protocol';
import { ServerProcess } from './ServerProcess';

/** The relay load. */
export interface RelayOptions {
  /** Linked pairs; both peers of a pair send to each other. */
  pairs: number;
  /** Signals per second each peer sends (the signal app allows 60 sustained per socket). */
  perPeerPerSecond: number;
  warmupMs: number;
  measureMs: number;
  /** Measured rounds per server kind (alternated, median kept). */
  rounds: number;
}

/** Server CPU per relayed signal, in microseconds, for one server kind. */
export interface RelayRound {
  mode: ServerMode;
  usPerMsg: number;
  messages: number;
  msgPerSecond: number;
  serverCpuPercent: number;
}

const TICK_MS = 10;
const DRAIN_TIMEOUT_MS = 10_000;

/** A trickled host candidate as Chromium sends it: the common signal during link setup. */
export const CANDIDATE: SignalRequest['signal'] = {
  type: 'candidate',
  candidate: {
    candidate:
      'candidate:3841252290 1 udp 2122260223 127.0.0.1 54321 typ host generation 0 ufrag 7Rkq network-id 1 network-cost 10',
    sdpMid: '0',
    sdpMLineIndex: 0,
    usernameFragment: '7Rkq',
  },
};

interface Sender {
  socket: SignalClient;
  payload: Record<string, unknown>;
}

interface Load {
  senders: Sender[];
  close: () => Promise<void>;
}

async function linkedPairsMeshwork(
  url: string,
  pairs: number,
  onSignal: () => void,
): Promise<Load> {
  const senders: Sender[] = [];
  const all: SignalClient[] = [];
  for (let i = 0; i < pairs; i++) {
    const a = await connectClient(url);
    const b = await connectClient(url);
    all.push(a, b);
    autoReady(a);
    autoReady(b);
    const aLinked = new Promise<{ peer: string; epoch: number }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no plan linking A')), CLIENT_TIMEOUT_MS);
      a.on('planPrepared', (plan) => {
        const link = plan.links[0];
        if (!link) return;
        clearTimeout(timer);
        resolve(link);
      });
    });
    const ra = await joinRoom(a, `relay-${i}`, 'A');
    const rb = await joinRoom(b, `relay-${i}`, 'B');
    if (!ra.ok || !rb.ok) throw new Error('relay join refused');
    readyForJoinPlan(a, ra);
    readyForJoinPlan(b, rb);
    const bLink = rb.plan.links[0];
    if (!bLink) throw new Error('B has no link to A');
    const aLink = await aLinked;
    a.on('signal', onSignal);
    b.on('signal', onSignal);
    senders.push(
      { socket: a, payload: { to: aLink.peer, epoch: aLink.epoch, signal: CANDIDATE } },
      { socket: b, payload: { to: bLink.peer, epoch: bLink.epoch, signal: CANDIDATE } },
    );
  }
  return {
    senders,
    close: async () => {
      await Promise.all(all.map(leaveAndClose));
    },
  };
}

async function linkedPairsBare(url: string, pairs: number, onSignal: () => void): Promise<Load> {
  const senders: Sender[] = [];
  const all: SignalClient[] = [];
  for (let i = 0; i < pairs; i++) {
    const a = await connectClient(url);
    const b = await connectClient(url);
    all.push(a, b);
    a.on('signal', onSignal);
    b.on('signal', onSignal);
    // Same fields as the real request, addressed by socket id since there is no registry.
    senders.push(
      { socket: a, payload: { to: b.id, epoch: 1, signal: CANDIDATE } },
      { socket: b, payload: { to: a.id, epoch: 1, signal: CANDIDATE } },
    );
  }
  return {
    senders,
    close: async () => {
      for (const s of all) s.close();
    },
  };
}

/**
 * Sends at a steady rate from every sender for `ms`; bounded by count and time. Signals go
 * without an ack callback, as the client session sends them, except to the `bare-ack` relay.
 */
function drive(
  senders: readonly Sender[],
  perSecond: number,
  ms: number,
  withAck: boolean,
): Promise<number> {
  const perSender = Math.floor((perSecond * ms) / 1000);
  const sent = new Array<number>(senders.length).fill(0);
  const started = performance.now();
  const ack = () => {};
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - started;
      const due = Math.min(perSender, Math.floor((perSecond * elapsed) / 1000));
      senders.forEach((s, i) => {
        while ((sent[i] as number) < due) {
          const socket = s.socket as unknown as { emit(e: string, ...args: unknown[]): void };
          if (withAck) socket.emit('signal', s.payload, ack);
          else socket.emit('signal', s.payload);
          sent[i] = (sent[i] as number) + 1;
        }
      });
      if (due >= perSender || elapsed > ms * 2) {
        clearInterval(timer);
        resolve(sent.reduce((a, b) => a + b, 0));
      }
    }, TICK_MS);
  });
}

async function waitFor(test: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

/** One measured relay round against a fresh server; `nodeArgs` e.g. `--cpu-prof` to profile it. */
export async function relayRound(
  mode: ServerMode,
  options: RelayOptions,
  nodeArgs: string[] = [],
): Promise<RelayRound> {
  const server = await ServerProcess.start({ mode, nodeArgs });
  let received = 0;
  const onSignal = () => {
    received += 1;
  };
  const load =
    mode === 'meshwork'
      ? await linkedPairsMeshwork(server.url, options.pairs, onSignal)
      : await linkedPairsBare(server.url, options.pairs, onSignal);
  try {
    const withAck = mode === 'bare-ack';
    const warm = await drive(load.senders, options.perPeerPerSecond, options.warmupMs, withAck);
    await waitFor(() => received >= warm, DRAIN_TIMEOUT_MS);
    // Let the token buckets refill so the measured window never trips the rate limit.
    await new Promise((r) => setTimeout(r, 1000));
    const before = await server.cpu();
    const receivedBefore = received;
    const t0 = performance.now();
    const sent = await drive(load.senders, options.perPeerPerSecond, options.measureMs, withAck);
    await waitFor(() => received - receivedBefore >= sent, DRAIN_TIMEOUT_MS);
    const wall = performance.now() - t0;
    const after = await server.cpu();
    const messages = received - receivedBefore;
    if (messages < sent) {
      throw new Error(`${mode}: only ${messages} of ${sent} signals arrived`);
    }
    const cpuUs = after.usage.user - before.usage.user + (after.usage.system - before.usage.system);
    return {
      mode,
      usPerMsg: round(cpuUs / messages, 2),
      messages,
      msgPerSecond: round((messages / wall) * 1000, 0),
      serverCpuPercent: round((cpuUs / 1000 / wall) * 100, 1),
    };
  } finally {
    await load.close();
    await server.stop();
  }
}

/** Relay cost of the signal app, the bare Socket.IO relay and the bare relay with an ack. */
export async function measureRelay(options: RelayOptions): Promise<RelayRound[]> {
  const rounds: RelayRound[] = [];
  const modes: ServerMode[] = ['bare', 'meshwork', 'bare-ack'];
  for (let r = 0; r < options.rounds; r++) {
    for (const mode of modes) {
      const result = await relayRound(mode, options);
      console.info(
        `  relay ${mode.padEnd(8)} ${result.usPerMsg} us/msg over ${result.messages} msgs ` +
          `(${result.msgPerSecond}/s, server ${result.serverCpuPercent}% of a core)`,
      );
      rounds.push(result);
    }
  }
  return rounds;
}
