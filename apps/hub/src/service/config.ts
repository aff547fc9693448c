import { hostname } from 'node:os';

/** Default rooms one hub serves at once. */
export const DEFAULT_MAX_ROOMS = 50;
/** Default tracks one hub forwards at once (a room of N people in star: about 2N). */
export const DEFAULT_MAX_STREAMS = 400;
/** Default port of the hub's stats endpoint. */
export const DEFAULT_STATS_PORT = 8090;
const MIN_SECRET_CHARS = 16;

/** Everything the hub reads from the environment. */
export interface HubConfig {
  /** Signal apps to serve from the start (one control socket each); others may invite it. */
  signalUrls: string[];
  hubSecret: string;
  name: string;
  maxRooms: number;
  maxStreams: number;
  /** Extra ICE host addresses, e.g. `127.0.0.1` when every peer is on this machine. */
  hostAddresses: string[];
  statsPort: number;
  /** Interface of the stats endpoint. */
  statsHost: string;
  /** Receivers' bandwidth estimates cap what origins send ([P32]); `HUB_SHAPING=off` stops it. */
  shaping: boolean;
}

/** A configuration error: stops the hub at start with the variable's name. */
export class HubConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`ERR_CONFIG: ${variable} ${problem}`);
    this.name = 'HubConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function list(env: Env, name: string): string[] {
  return (env[name] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new HubConfigError(name, `must be a whole number from ${min} to ${max}, got "${raw}".`);
  }
  return value;
}

function onOff(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'on') return true;
  if (raw === 'off') return false;
  throw new HubConfigError(name, `must be "on" or "off", got "${raw}".`);
}

/** Reads the hub's configuration; throws `HubConfigError` naming the bad variable. */
export function loadHubConfig(env: Env): HubConfig {
  const hubSecret = env.HUB_SECRET ?? '';
  if (hubSecret.length < MIN_SECRET_CHARS) {
    throw new HubConfigError('HUB_SECRET', `must be set, at least ${MIN_SECRET_CHARS} characters.`);
  }
  // `none`: serve only the signal apps that invite it (their HUB_URLS).
  const raw = list(env, 'SIGNAL_URLS');
  const signalUrls = raw.length === 1 && raw[0] === 'none' ? [] : raw;
  if (raw.length === 0) signalUrls.push('http://127.0.0.1:8080');
  for (const url of signalUrls) {
    if (!/^https?:\/\/[^/\s]+/.test(url)) {
      throw new HubConfigError('SIGNAL_URLS', `must list http(s) URLs, got "${url}".`);
    }
  }
  return {
    signalUrls,
    hubSecret,
    name: (env.HUB_NAME ?? '').trim() || hostname().slice(0, 64),
    maxRooms: int(env, 'HUB_MAX_ROOMS', DEFAULT_MAX_ROOMS, 1, 1_000),
    maxStreams: int(env, 'HUB_MAX_STREAMS', DEFAULT_MAX_STREAMS, 1, 100_000),
    hostAddresses: list(env, 'HUB_HOST_ADDRESSES'),
    statsPort: int(env, 'HUB_STATS_PORT', DEFAULT_STATS_PORT, 0, 65_535),
    statsHost: (env.HUB_STATS_HOST ?? '').trim() || '127.0.0.1',
    shaping: onOff(env, 'HUB_SHAPING', true),
  };
}
