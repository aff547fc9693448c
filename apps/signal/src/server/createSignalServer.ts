import type { Server as HttpServer } from 'node:http';
import { backgroundClock, type Clock, type Logger, noopLogger } from '@meshwork/kit';
import { createResumeTokens } from '../auth/resumeToken';
import { type ClusterNode, joinCluster } from '../cluster/ClusterNode';
import { ConfigError, loadConfig, type SignalConfig } from '../config';
import { FeedHub } from '../feed/FeedHub';
import { createFeedRoute } from '../feed/feedRoute';
import { HubDirectory } from '../hubs/HubDirectory';
import { HubInvitations } from '../hubs/HubInvitations';
import { attachHubNamespace } from '../hubs/hubNamespace';
import { isMediaServer } from '../registry/hubChoice';
import { PLAN_COMMIT_DEADLINE_MS } from '../registry/PlanCycle';
import { RoomRegistry } from '../registry/RoomRegistry';
import type { RegistryOptions } from '../registry/types';
import { KeyedCounter } from './addressLimits';
import { type Connection, gateIncoming, newConnection, type SharedListener } from './connection';
import { limitConnections } from './connectionLimits';
import { createDelivery, type Deliver } from './delivery';
import { rowListener } from './eventRow';
import { eventTable } from './eventTable';
import { createHttpHandler } from './http';
import {
  createIo,
  type Heartbeat,
  PING_INTERVAL_MS,
  PING_TIMEOUT_MS,
  type SignalIo,
  type SignalSocket,
} from './io';
import { createEdgeLimits } from './joinGate';
import { createMetrics, type SignalMetrics } from './metrics';
import { DEFAULT_RATE_LIMIT, type RateLimitOptions } from './rateLimit';
import type { RoomService } from './roomService';
import { socketHandlerContext } from './socketContext';
import { TurnRenewal } from './turnRenewal';

/** Everything createSignalServer takes; all optional, with production defaults. */
export interface SignalServerDeps {
  /** Overrides over `loadConfig({})` (no environment is read here). */
  config?: Partial<SignalConfig>;
  /** The kit logger contract; `pinoLogger(pino)` adapts pino. Silent by default. */
  logger?: Logger;
  /** Time and timers; `backgroundClock` (unref'd timers) by default. */
  clock?: Clock;
  commitDeadlineMs?: number;
  heartbeat?: Heartbeat;
  rateLimit?: RateLimitOptions;
  passwords?: RegistryOptions['passwords'];
  /** Serve health, metrics and the web app on the http server (default true). */
  serveHttp?: boolean;
}

/** A running signal server. */
export interface SignalServer {
  io: SignalIo;
  registry: RoomRegistry;
  /** [P20] The live room feeds (watchers and their rooms). */
  feed: FeedHub;
  /** [P24] The media hubs connected to this signal app. */
  hubs: HubDirectory;
  metrics: SignalMetrics;
  config: SignalConfig;
  /** This node's membership of a cluster (REDIS_URL); null on a single node. */
  cluster: ClusterNode | null;
  /**
   * Resolves once the node can take joins (at once on a single node; once Redis answered and the
   * shared secrets agree in a cluster); rejects with a ConfigError if the secrets differ.
   */
  ready: Promise<void>;
  /** Disconnects every socket, drops every room and closes the http server. Idempotent. */
  close(): Promise<void>;
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
  const logger = (deps.logger ?? noopLogger).child('signal');
  const clock = deps.clock ?? backgroundClock;
  const rateLimit = deps.rateLimit ?? DEFAULT_RATE_LIMIT;
  // Tokens and plan proofs signed by one node must verify on every other.
  if (config.cluster && config.resumeSecretGenerated && deps.config?.resumeSecret === undefined) {
    throw new ConfigError('RESUME_SECRET', 'must be set, the same on every node, with a cluster.');
  }
  let cluster: ClusterNode | null = null;
  const metrics = createMetrics(
    () => registry.stats(),
    () => cluster?.health(),
  );
  // [P18] A failing listen, a broken client socket or a bad handshake is logged, never thrown:
  // an `error` event without a listener would end the process.
  httpServer.on('error', (err) => logger.error('http server error', { err }));

  const limits = createEdgeLimits(config);
  // [P20] The live room feed reads the registry after every delivery of its effects.
  const feedHub = new FeedHub({ inspect: (id) => registry.inspect(id), clock, logger });
  const feed = createFeedRoute({
    hub: feedHub,
    checkPassword: (id, password) => registry.checkPassword(id, password),
    passwords: limits.passwords,
    streams: new KeyedCounter(config.maxConnectionsPerIp),
    trustProxy: config.trustProxy,
    clock,
    logger,
  });
  // Plain HTTP first: Socket.IO, attached next, takes `/socket.io/` and passes the rest on.
  if (deps.serveHttp !== false) {
    httpServer.on(
      'request',
      createHttpHandler({
        webRoot: config.webRoot,
        stats: () => registry.stats(),
        metrics,
        logger,
        clock,
        startedAt: clock.now(),
        frameAncestors: config.frameAncestors,
        metricsToken: config.metricsToken,
        feed,
        corsOrigins: config.publicOrigins,
        embedOrigins: config.embedOrigins,
        ...(config.cluster ? { cluster: () => cluster?.health() } : {}),
      }),
    );
  }
  const io = createIo(httpServer, {
    heartbeat: deps.heartbeat ?? {
      pingIntervalMs: PING_INTERVAL_MS,
      pingTimeoutMs: PING_TIMEOUT_MS,
    },
    publicOrigins: config.publicOrigins,
    metrics,
    logger,
  });
  io.engine.on('connection_error', (err: { code?: unknown; message?: unknown }) =>
    logger.debug('handshake refused', { code: err.code, message: err.message }),
  );
  const connectionLimit = limitConnections(io, {
    maxConnectionsPerIp: config.maxConnectionsPerIp,
    trustProxy: config.trustProxy,
    metrics,
    logger,
  });
  const deliverEffects = createDelivery(io, metrics);
  const deliver: Deliver = (effects) => {
    deliverEffects(effects);
    feedHub.delivered(effects);
  };
  const registry = new RoomRegistry({
    clock,
    maxPeersPerRoom: config.maxPeersPerRoom,
    graceMs: config.resumeGraceMs,
    commitDeadlineMs: deps.commitDeadlineMs ?? PLAN_COMMIT_DEADLINE_MS,
    onEffects: deliver,
    hooks: {
      planIssued: (roomId, version) => {
        metrics.planVersions.inc();
        cluster?.rooms.planIssued(roomId, version);
      },
    },
    // A node taking over a room counts on from the version Redis holds for it.
    versionFloor: (roomId) => cluster?.rooms.floorOf(roomId) ?? 0,
    // [P16] Plan proofs must outlive a restart as resume tokens do; the registry derives its key.
    planSecret: config.resumeSecret,
    ...(deps.passwords ? { passwords: deps.passwords } : {}),
  });

  if (config.cluster) {
    cluster = joinCluster(
      {
        redisUrl: config.cluster.redisUrl,
        leaseMs: config.cluster.leaseMs,
        secrets: { resumeSecret: config.resumeSecret, hubSecret: config.hubSecret },
      },
      { io, registry, deliver, clock, logger, forwarded: (op) => metrics.forwarded.inc({ op }) },
    );
  }
  // The rooms as the event table sees them: here, or wherever the cluster runs each one.
  const rooms: RoomService = cluster ? cluster.rooms : registry;
  // [P24] Media hubs: a room gets one when a person joins it and a hub has room for it.
  const hubs = new HubDirectory({
    clock,
    logger,
    hasHub: (roomId) => {
      const room = registry.inspect(roomId);
      return room === undefined || room.peers.some(isMediaServer);
    },
  });
  attachHubNamespace(io, { hubSecret: config.hubSecret, directory: hubs, logger });
  // [P24] Hubs on other machines (HUB_URLS) are invited to dial this app once it listens.
  const invitations =
    config.hubUrls.length > 0 && config.hubSecret !== null
      ? new HubInvitations({
          hubUrls: config.hubUrls,
          hubSecret: config.hubSecret,
          clock,
          logger,
        })
      : null;
  if (invitations) {
    const startInvitations = () => {
      const address = httpServer.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      invitations.setDialUrl(config.hubDialUrl ?? `http://127.0.0.1:${port}`);
      invitations.start();
    };
    if (httpServer.listening) startInvitations();
    else httpServer.once('listening', startInvitations);
  }

  const connections = new WeakMap<SignalSocket, Connection>();
  const tokens = createResumeTokens(config.resumeSecret);
  const turnRenewal = config.turn
    ? new TurnRenewal({
        clock,
        logger,
        staticServers: config.iceServers,
        turn: config.turn,
        peerOf: (conn) => rooms.peerOf(conn),
      })
    : null;
  const rows = eventTable({
    registry: rooms,
    deliver,
    connections,
    tokens,
    config,
    clock,
    metrics,
    logger,
    limits,
    turnRenewal,
    hubs,
  });
  // One listener per event for every socket, called by the gate with the socket as `this`.
  const ctx = socketHandlerContext(logger, metrics);
  const listeners = new Map<string, SharedListener>(
    Object.values(rows).map((row) => [row.event, rowListener(ctx, deliver, row)]),
  );

  const gateDeps = { clock, metrics, logger };

  function onDisconnect(this: SignalSocket, reason: string): void {
    logger.debug('disconnected', { conn: this.id, reason });
    const state = connections.get(this);
    if (state) connectionLimit.release(state.ip);
    turnRenewal?.stop(this.id);
    const failed = (err: unknown) =>
      logger.error('disconnect handling failed', { err, conn: this.id });
    try {
      const effects = rooms.disconnect(this.id);
      if (Array.isArray(effects)) deliver(effects);
      else effects.then(deliver, failed);
    } catch (err) {
      failed(err);
    }
  }

  function attach(socket: SignalSocket, ip: string): void {
    const state = newConnection(rateLimit, clock.now(), ip);
    connections.set(socket, state);
    gateIncoming(socket, state, gateDeps, listeners);
    socket.on('disconnect', onDisconnect);
  }

  io.on('connection', (socket) => {
    // [P18] Refused before any state is kept.
    const ip = connectionLimit.admit(socket);
    if (ip === null) return;
    try {
      attach(socket, ip);
    } catch (err) {
      logger.error('could not set up a connection', { err });
      // Forgotten here, so the disconnect that follows gives the place back only once.
      connections.delete(socket);
      connectionLimit.release(ip);
      socket.disconnect(true);
    }
  });

  let closing: Promise<void> | null = null;
  return {
    io,
    registry,
    feed: feedHub,
    hubs,
    metrics,
    config,
    cluster,
    ready: cluster ? cluster.ready : Promise.resolve(),
    close() {
      closing ??= new Promise<void>((resolve) => {
        registry.close();
        feed.close();
        feedHub.close();
        turnRenewal?.close();
        invitations?.close();
        io.close(() => resolve());
        httpServer.closeAllConnections?.();
      }).then(() => cluster?.close());
      return closing;
    },
  };
}
