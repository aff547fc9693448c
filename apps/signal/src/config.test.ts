import { describe, expect, it } from 'vitest';
import {
  ConfigError,
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
      TURN_TTL_SECONDS: '3600',
      MAX_PEERS_PER_ROOM: '8',
      LOG_LEVEL: 'debug',
      RESUME_SECRET: 'sixteen-chars-at-least',
      RESUME_GRACE_MS: '2000',
      WEB_ROOT: '/srv/meshwork',
    });
    expect(config).toMatchObject({
      port: 9000,
      host: '127.0.0.1',
      publicOrigins: ['https://meet.example.org', 'http://localhost:5173'],
      iceServers: [{ urls: 'stun:stun.example.org:3478' }],
      turn: {
        secret: 'shared',
        urls: ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349'],
        ttlSeconds: 3600,
      },
      maxPeersPerRoom: 8,
      logLevel: 'debug',
      resumeSecret: 'sixteen-chars-at-least',
      resumeSecretGenerated: false,
      resumeGraceMs: 2000,
      webRoot: '/srv/meshwork',
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
  ])('refuses %j, naming %s', (env, variable) => {
    const err = configError(env);
    expect(err.code).toBe('ERR_CONFIG');
    expect(err.variable).toBe(variable);
    expect(err.message).toMatch(new RegExp(`^ERR_CONFIG: ${variable} `));
  });
});
