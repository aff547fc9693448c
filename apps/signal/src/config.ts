import { randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type IceServer, IceServerSchema, LIMITS } from '@meshwork/protocol';
import { DEFAULT_TURN_TTL_SECONDS, type TurnConfig } from './auth/turn';
import { LOG_LEVELS, type LogLevel } from './logger';

/** Default room size cap. */
export const DEFAULT_MAX_PEERS_PER_ROOM = 16;
/** How long a disconnected peer keeps its identity and place in the plan. */
export const DEFAULT_RESUME_GRACE_MS = 15_000;
/** Longest grace period accepted from RESUME_GRACE_MS. */
export const MAX_RESUME_GRACE_MS = 600_000;
const MIN_RESUME_SECRET_CHARS = 16;
/** HUB_SECRET and METRICS_TOKEN are guessed offline by nobody, but by a patient client: long. */
const MIN_TOKEN_CHARS = 16;
/** Default cap on sockets one client address holds at once ([P18]). */
export const DEFAULT_MAX_CONNECTIONS_PER_IP = 20;
/** Default joins one client address may start per minute ([P18]). */
export const DEFAULT_JOINS_PER_IP_PER_MINUTE = 60;
/** Default joins that may wait for one room at once: a whole room resuming, twice ([P18]). */
export const DEFAULT_MAX_JOIN_QUEUE_PER_ROOM = 2 * LIMITS.maxPeersPerRoomCeiling;

/** Everything the signal app reads from the environment. */
export interface SignalConfig {
  port: number;
  host: string;
  /** Browser origins allowed besides the server's own (normalised `scheme://host[:port]`). */
  publicOrigins: string[];
  /** Static ICE servers handed to every peer at join. Empty by default: no public STUN. */
  iceServers: IceServer[];
  /** TURN REST credentials, when TURN_SECRET and TURN_URLS are set. */
  turn: TurnConfig | null;
  maxPeersPerRoom: number;
  logLevel: LogLevel;
  /** Secret that signs resume tokens. */
  resumeSecret: string;
  /** True when RESUME_SECRET was unset and a random one was made: tokens die with the process. */
  resumeSecretGenerated: boolean;
  resumeGraceMs: number;
  /** Folder of the built web app. */
  webRoot: string;
  /** Read the client address from `X-Forwarded-For` (set only behind one trusted proxy). */
  trustProxy: boolean;
  /** [P18] Sockets one client address may hold open at once. */
  maxConnectionsPerIp: number;
  /** [P18] Joins one client address may start per minute. */
  joinsPerIpPerMinute: number;
  /** [P18] Joins that may wait for one room at once. */
  maxJoinQueuePerRoom: number;
  /** [P17] Secret a media hub presents as `hubToken`; null: no hub can authenticate. */
  hubSecret: string | null;
  /** [P24] Media hubs this signal app invites to serve it (`HUB_URLS`, each hub's HTTP address). */
  hubUrls: string[];
  /** [P24] This signal app's URL as invited hubs dial it; null: http://127.0.0.1:<port>. */
  hubDialUrl: string | null;
  /** [P19] CSP `frame-ancestors` sources: `'self'`, `'none'` or origins; EMBED_ORIGINS added. */
  frameAncestors: string[];
  /** [P21] Origins whose pages may embed a call (`/embed.js`); each is also a frame ancestor. */
  embedOrigins: string[];
  /** [P19] Bearer token `/metrics` requires; null: metrics are open. */
  metricsToken: string | null;
  /** Several nodes sharing rooms through Redis (REDIS_URL); null: rooms live in this process. */
  cluster: ClusterConfig | null;
}

/** How a node joins a cluster. */
export interface ClusterConfig {
  /** `redis://` or `rediss://` URL of the Redis every node shares. */
  redisUrl: string;
  /** How long a room's lease lasts unrenewed: how soon a dead node's rooms move. */
  leaseMs: number;
}

/** Default lease of a room on its node (CLUSTER_LEASE_MS). */
export const DEFAULT_CLUSTER_LEASE_MS = 5_000;

/** A bad environment variable; the message names it and says what is expected. */
export class ConfigError extends Error {
  /** Stable code, so scripts can tell configuration errors apart. */
  readonly code = 'ERR_CONFIG';

  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`ERR_CONFIG: ${variable} ${detail}`);
    this.name = 'ConfigError';
  }
}

/** The built web app beside this package: apps/web/dist (same path from src/ and dist/). */
export function defaultWebRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../web/dist');
}

type Env = Readonly<Record<string, string | undefined>>;

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${raw}".`);
  }
  const value = Number(raw);
  if (value < min || value > max) {
    throw new ConfigError(name, `must be from ${min} to ${max}, got ${value}.`);
  }
  return value;
}

function list(env: Env, name: string): string[] {
  return (read(env, name) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function origins(env: Env, name = 'PUBLIC_ORIGINS'): string[] {
  return list(env, name).map((entry) => {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new ConfigError(name, `has "${entry}", which is not a URL.`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new ConfigError(name, `has "${entry}"; origins are http(s)://host[:port].`);
    }
    if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
      throw new ConfigError(name, `has "${entry}"; an origin has no path or query.`);
    }
    return url.origin;
  });
}

const ICE_URL = /^(stun|stuns|turn|turns):/;

function iceServers(env: Env): IceServer[] {
  const raw = read(env, 'ICE_SERVERS');
  if (raw === undefined) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError('ICE_SERVERS', 'must be a JSON array of {urls, username?, credential?}.');
  }
  if (!Array.isArray(parsed)) {
    throw new ConfigError('ICE_SERVERS', 'must be a JSON array of {urls, username?, credential?}.');
  }
  if (parsed.length > LIMITS.iceServersMax) {
    throw new ConfigError('ICE_SERVERS', `may list at most ${LIMITS.iceServersMax} servers.`);
  }
  return parsed.map((entry, i) => {
    const result = IceServerSchema.safeParse(entry);
    if (!result.success) {
      throw new ConfigError('ICE_SERVERS', `entry ${i} is not {urls, username?, credential?}.`);
    }
    const urls = typeof result.data.urls === 'string' ? [result.data.urls] : result.data.urls;
    const bad = urls.find((u) => !ICE_URL.test(u));
    if (urls.length === 0 || bad !== undefined) {
      throw new ConfigError('ICE_SERVERS', `entry ${i} needs stun:, stuns:, turn: or turns: URLs.`);
    }
    return result.data;
  });
}

function turn(env: Env): TurnConfig | null {
  const secret = read(env, 'TURN_SECRET');
  const urls = list(env, 'TURN_URLS');
  if (secret === undefined && urls.length === 0) return null;
  if (secret === undefined) throw new ConfigError('TURN_SECRET', 'must be set with TURN_URLS.');
  if (urls.length === 0) throw new ConfigError('TURN_URLS', 'must be set with TURN_SECRET.');
  const bad = urls.find((u) => !/^turns?:/.test(u));
  if (bad !== undefined) {
    throw new ConfigError('TURN_URLS', `has "${bad}"; TURN URLs start with turn: or turns:.`);
  }
  // TURN_TTL_SECONDS is the older name, still read so existing deployments keep their value.
  const legacy = int(env, 'TURN_TTL_SECONDS', DEFAULT_TURN_TTL_SECONDS, 60, 7 * 86_400);
  const ttlSeconds = int(env, 'TURN_TTL_S', legacy, 60, 7 * 86_400);
  return { secret, urls, ttlSeconds };
}

function httpUrls(env: Env, name: string): string[] {
  return list(env, name).map((entry) => {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new ConfigError(name, `has "${entry}", which is not a URL.`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new ConfigError(name, `has "${entry}"; it takes http(s) URLs.`);
    }
    return entry.replace(/\/+$/, '');
  });
}

function hubUrls(env: Env, hubSecret: string | null): string[] {
  const urls = httpUrls(env, 'HUB_URLS');
  if (urls.length > 0 && hubSecret === null) {
    throw new ConfigError('HUB_SECRET', 'must be set with HUB_URLS (the hubs check it).');
  }
  return urls;
}

function flag(env: Env, name: string): boolean {
  const raw = read(env, name)?.toLowerCase();
  if (raw === undefined || raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  throw new ConfigError(name, `must be 1 or 0, got "${raw}".`);
}

function token(env: Env, name: string): string | null {
  const value = read(env, name);
  if (value === undefined) return null;
  if (value.length < MIN_TOKEN_CHARS) {
    throw new ConfigError(name, `must be at least ${MIN_TOKEN_CHARS} characters.`);
  }
  return value;
}

// Host sources as CSP writes them; anything else (a `;`, a space, a path) could smuggle a directive.
const FRAME_SOURCE = /^(?:'self'|'none'|https?:\/\/(?:\*\.)?[a-z0-9.-]+(?::\d{1,5})?)$/i;

function frameAncestors(env: Env, embedOrigins: readonly string[]): string[] {
  const listed = list(env, 'FRAME_ANCESTORS');
  const entries = listed.length === 0 ? ["'self'"] : listed;
  if (embedOrigins.length > 0 && entries.includes("'none'")) {
    throw new ConfigError('EMBED_ORIGINS', "cannot be set while FRAME_ANCESTORS is 'none'.");
  }
  for (const entry of entries) {
    if (!FRAME_SOURCE.test(entry)) {
      throw new ConfigError(
        'FRAME_ANCESTORS',
        `has "${entry}"; use 'self', 'none' or origins like https://intranet.example.org.`,
      );
    }
  }
  if (entries.includes("'none'") && entries.length > 1) {
    throw new ConfigError('FRAME_ANCESTORS', "'none' cannot be combined with other sources.");
  }
  // [P21] Embedding origins frame the call too; each listed once.
  return [...new Set([...entries, ...embedOrigins])];
}

function cluster(env: Env, secretSet: boolean): ClusterConfig | null {
  const redisUrl = read(env, 'REDIS_URL');
  if (redisUrl === undefined) return null;
  let url: URL;
  try {
    url = new URL(redisUrl);
  } catch {
    throw new ConfigError('REDIS_URL', 'must be a redis:// or rediss:// URL.');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new ConfigError('REDIS_URL', `must be a redis:// or rediss:// URL, got ${url.protocol}`);
  }
  // Resume tokens and plan proofs from one node must verify on every other.
  if (!secretSet) {
    throw new ConfigError(
      'RESUME_SECRET',
      'must be set, the same on every node, when REDIS_URL is set (so is HUB_SECRET, if used).',
    );
  }
  return {
    redisUrl,
    leaseMs: int(env, 'CLUSTER_LEASE_MS', DEFAULT_CLUSTER_LEASE_MS, 1_000, 60_000),
  };
}

function logLevel(env: Env): LogLevel {
  const raw = read(env, 'LOG_LEVEL') ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${raw}".`);
  }
  return raw as LogLevel;
}

/** Reads the signal app's configuration; throws a ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): SignalConfig {
  const secret = read(env, 'RESUME_SECRET');
  if (secret !== undefined && secret.length < MIN_RESUME_SECRET_CHARS) {
    throw new ConfigError(
      'RESUME_SECRET',
      `must be at least ${MIN_RESUME_SECRET_CHARS} characters.`,
    );
  }
  const host = read(env, 'HOST') ?? '0.0.0.0';
  const embedOrigins = origins(env, 'EMBED_ORIGINS');
  return {
    port: int(env, 'PORT', 8080, 0, 65_535),
    host,
    publicOrigins: origins(env),
    iceServers: iceServers(env),
    turn: turn(env),
    maxPeersPerRoom: int(
      env,
      'MAX_PEERS_PER_ROOM',
      DEFAULT_MAX_PEERS_PER_ROOM,
      2,
      LIMITS.maxPeersPerRoomCeiling,
    ),
    logLevel: logLevel(env),
    resumeSecret: secret ?? randomBytes(32).toString('base64url'),
    resumeSecretGenerated: secret === undefined,
    resumeGraceMs: int(env, 'RESUME_GRACE_MS', DEFAULT_RESUME_GRACE_MS, 0, MAX_RESUME_GRACE_MS),
    webRoot: resolve(read(env, 'WEB_ROOT') ?? defaultWebRoot()),
    trustProxy: flag(env, 'TRUST_PROXY'),
    maxConnectionsPerIp: int(
      env,
      'MAX_CONNECTIONS_PER_IP',
      DEFAULT_MAX_CONNECTIONS_PER_IP,
      1,
      1_000_000,
    ),
    joinsPerIpPerMinute: int(
      env,
      'JOINS_PER_IP_PER_MINUTE',
      DEFAULT_JOINS_PER_IP_PER_MINUTE,
      1,
      1_000_000,
    ),
    maxJoinQueuePerRoom: int(
      env,
      'MAX_JOIN_QUEUE_PER_ROOM',
      DEFAULT_MAX_JOIN_QUEUE_PER_ROOM,
      1,
      100_000,
    ),
    hubSecret: token(env, 'HUB_SECRET'),
    hubUrls: hubUrls(env, token(env, 'HUB_SECRET')),
    hubDialUrl: httpUrls(env, 'HUB_DIAL_URL')[0] ?? null,
    frameAncestors: frameAncestors(env, embedOrigins),
    embedOrigins,
    metricsToken: token(env, 'METRICS_TOKEN'),
    cluster: cluster(env, secret !== undefined),
  };
}
