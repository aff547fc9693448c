import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DEFAULT_CLUSTER_LEASE_MS,
  DEFAULT_JOINS_PER_IP_PER_MINUTE,
  DEFAULT_MAX_CONNECTIONS_PER_IP,
  DEFAULT_MAX_JOIN_QUEUE_PER_ROOM,
  DEFAULT_MAX_PEERS_PER_ROOM,
  DEFAULT_RESUME_GRACE_MS,
  loadConfig,
} from './config';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('has safe defaults: no public STUN, a random resume secret, apps/web/dist', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      publicOrigins: [],
      iceServers: [],
      turn: null,
      maxPeersPerRoom: DEFAULT_MAX_PEERS_PER_ROOM,
      logLevel: 'info',
      resumeSecretGenerated: true,
      resumeGraceMs: DEFAULT_RESUME_GRACE_MS,
      trustProxy: false,
      maxConnectionsPerIp: DEFAULT_MAX_CONNECTIONS_PER_IP,
      joinsPerIpPerMinute: DEFAULT_JOINS_PER_IP_PER_MINUTE,
      maxJoinQueuePerRoom: DEFAULT_MAX_JOIN_QUEUE_PER_ROOM,
      hubSecret: null,
      frameAncestors: ["'self'"],
      metricsToken: null,
    });
    expect(config.webRoot.replaceAll('\\', '/')).toMatch(/apps\/web\/dist$/);
    expect(loadConfig({}).resumeSecret).not.toBe(config.resumeSecret);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '9000',
      HOST: '127.0.0.1',
      PUBLIC_ORIGINS: 'https://meet.example.org, http://localhost:5173',
      ICE_SERVERS: '[{"urls":"stun:stun.example.org:3478"}]',
      TURN_SECRET: 'shared',
      TURN_URLS: 'turn:turn.example.org:3478?transport=udp,turns:turn.example.org:5349',
      TURN_TTL_S: '1800',
      MAX_PEERS_PER_ROOM: '8',
      LOG_LEVEL: 'debug',
      RESUME_SECRET: 'sixteen-chars-at-least',
      RESUME_GRACE_MS: '2000',
      WEB_ROOT: '/srv/meshwork',
      TRUST_PROXY: '1',
      MAX_CONNECTIONS_PER_IP: '50',
      JOINS_PER_IP_PER_MINUTE: '120',
      MAX_JOIN_QUEUE_PER_ROOM: '10',
      HUB_SECRET: 'hub-secret-0123456789',
      FRAME_ANCESTORS: "'self', https://intranet.example.org",
      METRICS_TOKEN: 'metrics-token-0123456789',
    });
    expect(config).toMatchObject({
      port: 9000,
      host: '127.0.0.1',
      publicOrigins: ['https://meet.example.org', 'http://localhost:5173'],
      iceServers: [{ urls: 'stun:stun.example.org:3478' }],
      turn: {
        secret: 'shared',
        urls: ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349'],
        ttlSeconds: 1800,
      },
      maxPeersPerRoom: 8,
      logLevel: 'debug',
      resumeSecret: 'sixteen-chars-at-least',
      resumeSecretGenerated: false,
      resumeGraceMs: 2000,
      webRoot: '/srv/meshwork',
      trustProxy: true,
      maxConnectionsPerIp: 50,
      joinsPerIpPerMinute: 120,
      maxJoinQueuePerRoom: 10,
      hubSecret: 'hub-secret-0123456789',
      frameAncestors: ["'self'", 'https://intranet.example.org'],
      metricsToken: 'metrics-token-0123456789',
    });
  });

  it('[P19] gives TURN credentials an hour by default; TURN_TTL_S wins over the older TURN_TTL_SECONDS', () => {
    const turn = { TURN_SECRET: 's', TURN_URLS: 'turn:127.0.0.1:3478' };
    expect(loadConfig(turn).turn?.ttlSeconds).toBe(3_600);
    expect(loadConfig({ ...turn, TURN_TTL_S: '600' }).turn?.ttlSeconds).toBe(600);
    expect(loadConfig({ ...turn, TURN_TTL_SECONDS: '900' }).turn?.ttlSeconds).toBe(900);
    expect(
      loadConfig({ ...turn, TURN_TTL_SECONDS: '900', TURN_TTL_S: '600' }).turn?.ttlSeconds,
    ).toBe(600);
  });

  it('[P24] reads the hubs to invite and the URL they dial back', () => {
    expect(loadConfig({})).toMatchObject({ hubUrls: [], hubDialUrl: null });
    expect(
      loadConfig({
        HUB_SECRET: 'hub-secret-0123456789',
        HUB_URLS: 'http://hub-a.internal:8090/, https://hub-b.internal',
        HUB_DIAL_URL: 'https://meet.example.org',
      }),
    ).toMatchObject({
      hubUrls: ['http://hub-a.internal:8090', 'https://hub-b.internal'],
      hubDialUrl: 'https://meet.example.org',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PUBLIC_ORIGINS: 'not a url' }, 'PUBLIC_ORIGINS'],
    [{ PUBLIC_ORIGINS: 'https://ok.example/path' }, 'PUBLIC_ORIGINS'],
    [{ PUBLIC_ORIGINS: 'ftp://files.example' }, 'PUBLIC_ORIGINS'],
    [{ ICE_SERVERS: '{not json' }, 'ICE_SERVERS'],
    [{ ICE_SERVERS: '{"urls":"stun:x"}' }, 'ICE_SERVERS'],
    [{ ICE_SERVERS: '[{"url":"stun:x"}]' }, 'ICE_SERVERS'],
    [{ ICE_SERVERS: '[{"urls":"http://x"}]' }, 'ICE_SERVERS'],
    [{ TURN_SECRET: 'x' }, 'TURN_URLS'],
    [{ TURN_URLS: 'turn:x' }, 'TURN_SECRET'],
    [{ TURN_SECRET: 'x', TURN_URLS: 'stun:x' }, 'TURN_URLS'],
    [{ MAX_PEERS_PER_ROOM: '1' }, 'MAX_PEERS_PER_ROOM'],
    [{ MAX_PEERS_PER_ROOM: '65' }, 'MAX_PEERS_PER_ROOM'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ RESUME_SECRET: 'short' }, 'RESUME_SECRET'],
    [{ RESUME_GRACE_MS: '-1' }, 'RESUME_GRACE_MS'],
    [{ TURN_SECRET: 'x', TURN_URLS: 'turn:x', TURN_TTL_S: '10' }, 'TURN_TTL_S'],
    [{ TRUST_PROXY: 'yes please' }, 'TRUST_PROXY'],
    [{ MAX_CONNECTIONS_PER_IP: '0' }, 'MAX_CONNECTIONS_PER_IP'],
    [{ JOINS_PER_IP_PER_MINUTE: 'many' }, 'JOINS_PER_IP_PER_MINUTE'],
    [{ MAX_JOIN_QUEUE_PER_ROOM: '0' }, 'MAX_JOIN_QUEUE_PER_ROOM'],
    [{ HUB_SECRET: 'short' }, 'HUB_SECRET'],
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN'],
    [{ HUB_URLS: 'http://hub.internal:8090' }, 'HUB_SECRET'],
    [{ HUB_SECRET: 'hub-secret-0123456789', HUB_URLS: 'hub.internal' }, 'HUB_URLS'],
    [{ HUB_SECRET: 'hub-secret-0123456789', HUB_URLS: 'ws://hub.internal' }, 'HUB_URLS'],
    [{ HUB_DIAL_URL: 'meet.example.org' }, 'HUB_DIAL_URL'],
    [{ FRAME_ANCESTORS: 'https://ok.example; script-src *' }, 'FRAME_ANCESTORS'],
    [{ FRAME_ANCESTORS: 'https://ok.example/path' }, 'FRAME_ANCESTORS'],
    [{ FRAME_ANCESTORS: '*' }, 'FRAME_ANCESTORS'],
    [{ FRAME_ANCESTORS: "'none', 'self'" }, 'FRAME_ANCESTORS'],
  ])('refuses %j, naming %s', (env, variable) => {
    const err = configError(env);
    expect(err.code).toBe('ERR_CONFIG');
    expect(err.variable).toBe(variable);
    expect(err.message).toMatch(new RegExp(`^ERR_CONFIG: ${variable} `));
  });
});

describe('loadConfig: several nodes', () => {
  const secret = 'a-shared-resume-secret-0123';
  it('[P23] REDIS_URL turns the cluster on, with the default lease', () => {
    expect(loadConfig({}).cluster).toBeNull();
    expect(
      loadConfig({ REDIS_URL: 'redis://10.0.0.9:6379', RESUME_SECRET: secret }).cluster,
    ).toEqual({ redisUrl: 'redis://10.0.0.9:6379', leaseMs: DEFAULT_CLUSTER_LEASE_MS });
    expect(
      loadConfig({ REDIS_URL: 'rediss://r:6380', RESUME_SECRET: secret, CLUSTER_LEASE_MS: '2000' })
        .cluster?.leaseMs,
    ).toBe(2000);
  });

  it('[P23] a cluster node needs RESUME_SECRET, a redis URL and a sane lease', () => {
    expect(configError({ REDIS_URL: 'redis://r:6379' })).toMatchObject({
      variable: 'RESUME_SECRET',
    });
    expect(configError({ REDIS_URL: 'http://r:6379', RESUME_SECRET: secret })).toMatchObject({
      variable: 'REDIS_URL',
    });
    expect(configError({ REDIS_URL: 'not a url', RESUME_SECRET: secret }).variable).toBe(
      'REDIS_URL',
    );
    expect(
      configError({ REDIS_URL: 'redis://r', RESUME_SECRET: secret, CLUSTER_LEASE_MS: '10' })
        .variable,
    ).toBe('CLUSTER_LEASE_MS');
  });
});
