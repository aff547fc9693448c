import type { Server as HttpServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import {
  type ClientToServerEvents,
  type CompiledRequestSchemas,
  compileRequestSchemas,
  DisplayNameSchema,
  ERROR_MESSAGES,
  type ErrorCode,
  type InterServerEvents,
  MAX_MESSAGE_BYTES,
  PROTOCOL_VERSION,
  RoomIdSchema,
  type ServerToClientEvents,
  type SignalRequest,
  type SocketData,
} from '@meshwork/protocol';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import { isOriginAllowed } from '../auth/origin';
import { createResumeTokens } from '../auth/resumeToken';
import { turnCredentials } from '../auth/turn';
import { type Clock, systemClock } from '../clock';
import { loadConfig, type SignalConfig } from '../config';
import { type Logger, silentLogger } from '../logger';
import { PLAN_COMMIT_DEADLINE_MS, RoomRegistry } from '../registry/RoomRegistry';
import type { Effect, JoinInput, RegistryOptions } from '../registry/types';
import { classifyIssues, failure, guarded, type HandlerContext, type Issue } from './handler';
import { createHttpHandler } from './http';
import { createMetrics, type SignalMetrics } from './metrics';
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitOptions, TokenBucket } from './rateLimit';

/** Heartbeat: a silently dead peer is noticed within PING_INTERVAL_MS + PING_TIMEOUT_MS. */
export const PING_INTERVAL_MS = 5_000;
/** How long to wait for a pong before dropping the connection. */
export const PING_TIMEOUT_MS = 4_000;
/** How long a new connection has to reach the namespace. */
export const CONNECT_TIMEOUT_MS = 10_000;
/** Joins carrying a password cost a scrypt hash each; a socket gets a few, then one a second. */
export const PASSWORD_ATTEMPTS_BURST = 5;
/** Sustained rate of password-carrying joins per socket. */
export const PASSWORD_ATTEMPTS_PER_SECOND = 1;
/** Transport cap: about twice the largest legitimate message. */
export const MAX_HTTP_BUFFER_BYTES = 2 * MAX_MESSAGE_BYTES;

/** The typed Socket.IO server of the signal app. */
export type SignalIo = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
type SignalSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

/** Everything createSignalServer takes; all optional, with production defaults. */
export interface SignalServerDeps {
  /** Overrides over `loadConfig({})` (no environment is read here). */
  config?: Partial<SignalConfig>;
  logger?: Logger;
  clock?: Clock;
  commitDeadlineMs?: number;
  heartbeat?: { pingIntervalMs: number; pingTimeoutMs: number };
  rateLimit?: RateLimitOptions;
  passwords?: RegistryOptions['passwords'];
  /** Serve health, metrics and the web app on the http server (default true). */
  serveHttp?: boolean;
}

/** A running signal server. */
export interface SignalServer {
  io: SignalIo;
  registry: RoomRegistry;
  metrics: SignalMetrics;
  config: SignalConfig;
  /** Disconnects every socket, drops every room and closes the http server. Idempotent. */
  close(): Promise<void>;
}

const OK = { ok: true } as const;

let compiledSchemas: CompiledRequestSchemas | null = null;
/** [P2] Each payload is parsed once with its schema, compiled once per process for the hot path. */
function requestSchemas(): CompiledRequestSchemas {
  compiledSchemas ??= compileRequestSchemas();
  return compiledSchemas;
}

/** What the server keeps per connection besides Socket.IO's own state. */
interface Connection {
  limiter: RateLimiter;
  /** Made by the first join that carries a password. */
  passwordAttempts: TokenBucket | null;
  joining: boolean;
  abusive: boolean;
}

function classifyJoin(raw: unknown, issues: readonly Issue[]): ErrorCode {
  if (typeof raw === 'object' && raw !== null && 'protocolVersion' in raw) {
    const version = (raw as { protocolVersion: unknown }).protocolVersion;
    if (typeof version === 'number' && version !== PROTOCOL_VERSION) return 'ERR_PROTOCOL_VERSION';
  }
  const fields = new Set(issues.map((i) => i.path[0]));
  if (fields.size === 1 && fields.has('roomId')) return 'ERR_INVALID_ROOM_ID';
  if (fields.size === 1 && fields.has('displayName')) return 'ERR_INVALID_DISPLAY_NAME';
  return classifyIssues(issues);
}

/**
 * Creates the signal app on `httpServer`: a typed Socket.IO server over a RoomRegistry, plus
 * (unless `serveHttp: false`) health, metrics and the web app on plain HTTP.
 */
export function createSignalServer(
  httpServer: HttpServer,
  deps: SignalServerDeps = {},
): SignalServer {
  const config: SignalConfig = { ...loadConfig({}), ...deps.config };
  const logger = (deps.logger ?? silentLogger()).child({ ns: 'signal' });
  const clock = deps.clock ?? systemClock;
  const tokens = createResumeTokens(config.resumeSecret);
  const rateLimit = deps.rateLimit ?? DEFAULT_RATE_LIMIT;
  const heartbeat = deps.heartbeat ?? {
    pingIntervalMs: PING_INTERVAL_MS,
    pingTimeoutMs: PING_TIMEOUT_MS,
  };
  const allowList = new Set(config.publicOrigins);
  const schemas = requestSchemas();

  let io: SignalIo | null = null;
  const deliver = (effects: Effect[]) => {
    if (io === null) return;
    for (const effect of effects) {
      if (effect.type === 'disconnect') {
        io.in(effect.conn).disconnectSockets(true);
        continue;
      }
      if (effect.event === 'signal') metrics.signalsRelayed.inc();
      // One cast: the effect union pairs each event with its payload type already.
      const target = io.to(effect.conn) as unknown as { emit(e: string, p: unknown): boolean };
      target.emit(effect.event, effect.payload);
    }
  };

  const registry = new RoomRegistry({
    clock,
    maxPeersPerRoom: config.maxPeersPerRoom,
    graceMs: config.resumeGraceMs,
    commitDeadlineMs: deps.commitDeadlineMs ?? PLAN_COMMIT_DEADLINE_MS,
    onEffects: deliver,
    hooks: { planIssued: () => metrics.planVersions.inc() },
    ...(deps.passwords ? { passwords: deps.passwords } : {}),
  });
  const metrics = createMetrics(() => registry.stats());

  if (deps.serveHttp !== false) {
    const startedAt = Date.now();
    httpServer.on(
      'request',
      createHttpHandler({ webRoot: config.webRoot, registry, metrics, logger, startedAt }),
    );
  }

  const options: Partial<ServerOptions> = {
    serveClient: false,
    maxHttpBufferSize: MAX_HTTP_BUFFER_BYTES,
    pingInterval: heartbeat.pingIntervalMs,
    pingTimeout: heartbeat.pingTimeoutMs,
    connectTimeout: CONNECT_TIMEOUT_MS,
    allowRequest: (req, callback) => {
      if (isOriginAllowed(req.headers.origin, req.headers.host, allowList)) {
        callback(null, true);
        return;
      }
      metrics.reject('ERR_ORIGIN_NOT_ALLOWED');
      logger.info({ origin: req.headers.origin }, 'origin refused');
      callback('ERR_ORIGIN_NOT_ALLOWED', false);
    },
  };
  if (allowList.size > 0) options.cors = { origin: [...allowList] };
  const server: SignalIo = new Server(httpServer, options);
  io = server;

  const connections = new WeakMap<SignalSocket, Connection>();

  // One set of listeners for every socket: Socket.IO calls each with the socket as `this`.
  const ctx: HandlerContext<SignalSocket> = {
    logger,
    rejected: (code) => metrics.reject(code),
    missingAck: (socket, event) => {
      metrics.reject('ERR_BAD_REQUEST');
      socket.emit('serverError', {
        error: 'ERR_BAD_REQUEST',
        message: `${ERROR_MESSAGES.ERR_BAD_REQUEST} (${event} needs an ack callback)`,
      });
    },
    unanswered: (socket, event, res, payload) => {
      // [P3] A relay request that was parsed names its target; anything else is a serverError.
      const req = event === 'signal' ? (payload as SignalRequest | undefined) : undefined;
      if (req !== undefined) {
        socket.emit('signalRejected', {
          to: req.to,
          epoch: req.epoch,
          error: res.error,
          message: res.message,
        });
        return;
      }
      socket.emit('serverError', { error: res.error, message: `${res.message} (${event})` });
    },
    describe: (socket) => socket.id,
  };

  const handlers = {
    join: guarded(ctx, {
      event: 'join',
      schema: schemas.join,
      classify: classifyJoin,
      run: async (req, after, socket) => {
        const started = performance.now();
        const conn = socket.id;
        const state = connections.get(socket);
        if (state === undefined) return failure('ERR_INTERNAL');
        // [P1] The version is checked before anything else, so old clients are told to reload.
        if (req.protocolVersion !== PROTOCOL_VERSION) return failure('ERR_PROTOCOL_VERSION');
        if (state.joining || registry.peerOf(conn)) return failure('ERR_ALREADY_JOINED');
        const roomId = RoomIdSchema.safeParse(req.roomId);
        if (!roomId.success) return failure('ERR_INVALID_ROOM_ID');
        const displayName = DisplayNameSchema.safeParse(req.displayName);
        if (!displayName.success) return failure('ERR_INVALID_DISPLAY_NAME');
        if (req.password !== undefined) {
          state.passwordAttempts ??= new TokenBucket(
            PASSWORD_ATTEMPTS_BURST,
            PASSWORD_ATTEMPTS_PER_SECOND,
            clock.now(),
          );
          if (!state.passwordAttempts.take(clock.now())) return failure('ERR_RATE_LIMITED');
        }
        const claim = req.resumeToken ? tokens.verify(req.resumeToken) : null;
        const input: JoinInput = { conn, roomId: roomId.data, displayName: displayName.data };
        if (req.password !== undefined) input.password = req.password;
        if (req.media) input.media = req.media;
        if (req.capacity) input.capacity = req.capacity;
        if (claim && claim.roomId === roomId.data) {
          input.resume = { peerId: claim.peerId, joinedAt: claim.joinedAt };
          if (req.resume) input.resume.hints = req.resume;
        }
        state.joining = true;
        const outcome = await registry.join(input).finally(() => {
          state.joining = false;
        });
        if (!outcome.ok) return failure(outcome.error);
        if (!socket.connected) {
          // Gone while the password was checked: nobody to answer, so leave at once.
          deliver(outcome.effects);
          deliver(registry.leave(conn).effects);
          return failure('ERR_NOT_JOINED');
        }
        socket.data.peerId = outcome.peerId;
        socket.data.roomId = roomId.data;
        const iceServers = [...config.iceServers];
        if (config.turn) iceServers.push(turnCredentials(config.turn, outcome.peerId, clock.now()));
        after(() => {
          deliver(outcome.effects);
          metrics.joinLatencyMs.observe(performance.now() - started);
        });
        logger.debug({ conn, roomId: roomId.data, peerId: outcome.peerId }, 'joined');
        return {
          ok: true,
          selfId: outcome.peerId,
          resumeToken: tokens.sign({
            roomId: roomId.data,
            peerId: outcome.peerId,
            joinedAt: outcome.joinedAt,
          }),
          resumed: outcome.resumed,
          room: outcome.room,
          plan: outcome.plan,
          iceServers,
        };
      },
    }),

    leave: guarded(ctx, {
      event: 'leave',
      run: (_none, after, socket) => {
        const outcome = registry.leave(socket.id);
        if (!outcome.ok) return failure(outcome.error);
        socket.data = {};
        after(() => deliver(outcome.effects));
        return { ok: true };
      },
    }),

    // [P3] The one event whose ack is optional: relayed signals are fire-and-forget, and a
    // refused one without an ack is answered with `signalRejected`.
    signal: guarded(ctx, {
      event: 'signal',
      schema: schemas.signal,
      ackOptional: true,
      run: (req, after, socket) => {
        const outcome = registry.signal(socket.id, req);
        if (!outcome.ok) return failure(outcome.error);
        after(() => deliver(outcome.effects));
        return OK;
      },
    }),

    setTopology: guarded(ctx, {
      event: 'setTopology',
      schema: schemas.setTopology,
      run: (req, after, socket) => {
        const outcome = registry.setTopology(socket.id, req.topology);
        if (!outcome.ok) return failure(outcome.error);
        after(() => deliver(outcome.effects));
        return { ok: true, version: outcome.version };
      },
    }),

    setHub: guarded(ctx, {
      event: 'setHub',
      schema: schemas.setHub,
      run: (req, after, socket) => {
        const outcome = registry.setHub(socket.id, req.hub);
        if (!outcome.ok) return failure(outcome.error);
        after(() => deliver(outcome.effects));
        return { ok: true, version: outcome.version };
      },
    }),

    updatePeer: guarded(ctx, {
      event: 'updatePeer',
      schema: schemas.updatePeer,
      run: (req, after, socket) => {
        const conn = socket.id;
        if (!registry.peerOf(conn)) return failure('ERR_NOT_JOINED');
        let displayName: string | undefined;
        if (req.displayName !== undefined) {
          const parsed = DisplayNameSchema.safeParse(req.displayName);
          if (!parsed.success) return failure('ERR_INVALID_DISPLAY_NAME');
          displayName = parsed.data;
        }
        const outcome = registry.updatePeer(conn, {
          ...(displayName !== undefined ? { displayName } : {}),
          ...(req.media ? { media: req.media } : {}),
          ...(req.capacity ? { capacity: req.capacity } : {}),
        });
        if (!outcome.ok) return failure(outcome.error);
        after(() => deliver(outcome.effects));
        return { ok: true };
      },
    }),

    reportLinks: guarded(ctx, {
      event: 'reportLinks',
      schema: schemas.reportLinks,
      run: (req, after, socket) => {
        const outcome = registry.reportLinks(socket.id, req.links);
        if (!outcome.ok) return failure(outcome.error);
        after(() => deliver(outcome.effects));
        return { ok: true };
      },
    }),

    planReady: guarded(ctx, {
      event: 'planReady',
      schema: schemas.planReady,
      run: (req, after, socket) => {
        const outcome = registry.planReady(socket.id, req.version);
        if (!outcome.ok) return failure(outcome.error);
        after(() => deliver(outcome.effects));
        return { ok: true };
      },
    }),
  } satisfies Record<keyof ClientToServerEvents, (this: SignalSocket, ...args: unknown[]) => void>;
  const handlerEntries = Object.entries(handlers);

  function onDisconnect(this: SignalSocket, reason: string): void {
    logger.debug({ conn: this.id, reason }, 'disconnected');
    try {
      deliver(registry.disconnect(this.id));
    } catch (err) {
      logger.error({ err, conn: this.id }, 'disconnect handling failed');
    }
  }

  server.on('connection', (socket) => {
    try {
      attach(socket);
    } catch (err) {
      logger.error({ err }, 'could not set up a connection');
      socket.disconnect(true);
    }
  });

  function attach(socket: SignalSocket): void {
    const state: Connection = {
      limiter: new RateLimiter(rateLimit, clock.now()),
      passwordAttempts: null,
      joining: false,
      abusive: false,
    };
    connections.set(socket, state);

    // Every incoming event passes here first, unknown ones included, so they all count.
    socket.use((packet, next) => {
      const decision = state.limiter.check(clock.now());
      if (decision === 'ok') {
        next();
        return;
      }
      metrics.reject('ERR_RATE_LIMITED');
      const ack = packet[packet.length - 1];
      if (typeof ack === 'function') ack(failure('ERR_RATE_LIMITED'));
      else if (packet[0] === 'signal' && decision === 'limited') {
        // An ack-less signal is dropped; say so, as its ack would have ([P3] [P8]).
        socket.emit('serverError', {
          error: 'ERR_RATE_LIMITED',
          message: `${ERROR_MESSAGES.ERR_RATE_LIMITED} (signal)`,
        });
      }
      if (decision === 'abusive' && !state.abusive) {
        state.abusive = true;
        logger.warn({ conn: socket.id }, 'disconnecting a flooding client');
        socket.emit('serverError', {
          error: 'ERR_RATE_LIMITED',
          message: ERROR_MESSAGES.ERR_RATE_LIMITED,
        });
        socket.disconnect(true);
      }
    });

    // Socket.IO types each listener; the wrapper takes raw arguments because clients are hostile.
    const on = socket as unknown as {
      on(e: string, h: (this: SignalSocket, ...args: unknown[]) => void): void;
    };
    for (const [event, handler] of handlerEntries) on.on(event, handler);
    socket.on('disconnect', onDisconnect);
  }

  let closing: Promise<void> | null = null;
  return {
    io: server,
    registry,
    metrics,
    config,
    close() {
      closing ??= new Promise<void>((resolve) => {
        registry.close();
        server.close(() => resolve());
        httpServer.closeAllConnections?.();
      });
      return closing;
    },
  };
}
