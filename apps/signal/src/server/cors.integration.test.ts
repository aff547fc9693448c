import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { useTestStack } from '../testing/harness';
import { CORS_METHODS } from './cors';

const ALLOWED = 'https://app.example';
const OTHER = 'https://evil.example';
let webRoot: string;

beforeAll(() => {
  webRoot = mkdtempSync(joinPath(tmpdir(), 'meshwork-cors-'));
  writeFileSync(
    joinPath(webRoot, 'index.html'),
    '<!doctype html><html><head><title>Meshwork</title></head></html>',
  );
});

afterAll(() => rmSync(webRoot, { recursive: true, force: true }));

const stack = useTestStack();

function server(env: Record<string, string> = {}) {
  const { embedOrigins, frameAncestors } = loadConfig(env);
  return stack.server({
    config: { webRoot, publicOrigins: [ALLOWED], embedOrigins, frameAncestors },
  });
}

describe('CORS on /api and /healthz (real HTTP)', () => {
  it('echoes a listed Origin with Vary: Origin, never *', async () => {
    const s = await server();
    const res = await fetch(`${s.url}/healthz`, { headers: { origin: ALLOWED } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(res.headers.get('vary')).toBe('Origin');
  });

  it('gives an unlisted or missing Origin no CORS headers', async () => {
    const s = await server();
    for (const headers of [{ origin: OTHER }, {}] as Record<string, string>[]) {
      const res = await fetch(`${s.url}/healthz`, { headers });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('vary')).toBe('Origin');
    }
  });

  it('answers a preflight for /api/... with methods and headers including Authorization', async () => {
    const s = await server();
    const res = await fetch(`${s.url}/api/rooms`, {
      method: 'OPTIONS',
      headers: {
        origin: ALLOWED,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(res.headers.get('access-control-allow-methods')).toBe(CORS_METHODS);
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'authorization',
    );
    expect(res.headers.get('access-control-max-age')).toBe('600');
    expect(res.headers.get('vary')).toContain('Origin');
    expect(await res.text()).toBe('');
  });

  it('answers a preflight from an unlisted origin without allowing anything', async () => {
    const s = await server();
    const res = await fetch(`${s.url}/api/rooms`, {
      method: 'OPTIONS',
      headers: { origin: OTHER, 'access-control-request-method': 'GET' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('leaves pages and assets alone: no CORS, OPTIONS still refused', async () => {
    const s = await server();
    const page = await fetch(`${s.url}/`, { headers: { origin: ALLOWED } });
    expect(page.headers.get('access-control-allow-origin')).toBeNull();
    const options = await fetch(`${s.url}/r/x`, {
      method: 'OPTIONS',
      headers: { origin: ALLOWED },
    });
    expect(options.status).toBe(405);
  });
});

describe('[P21] EMBED_ORIGINS', () => {
  it('adds each embedding origin to frame-ancestors and tells the page the list', async () => {
    const env = { EMBED_ORIGINS: 'http://localhost:5000, https://blog.example' };
    expect(loadConfig(env).frameAncestors).toEqual([
      "'self'",
      'http://localhost:5000',
      'https://blog.example',
    ]);
    const s = await server(env);
    const res = await fetch(`${s.url}/r/room-1`);
    expect(res.headers.get('content-security-policy')).toContain(
      "frame-ancestors 'self' http://localhost:5000 https://blog.example",
    );
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(await res.text()).toContain(
      '<head><meta name="meshwork-embed-origins" content="http://localhost:5000 https://blog.example">',
    );
  });

  it('puts nothing into the page when no origin may embed', async () => {
    const s = await server();
    const html = await (await fetch(`${s.url}/`)).text();
    expect(html).not.toContain('meshwork-embed-origins');
  });

  it('adds to FRAME_ANCESTORS once each, and refuses bad origins or a clash with none', () => {
    const both = loadConfig({
      FRAME_ANCESTORS: "'self',https://blog.example",
      EMBED_ORIGINS: 'https://blog.example,https://shop.example',
    });
    expect(both.frameAncestors).toEqual(["'self'", 'https://blog.example', 'https://shop.example']);
    expect(() => loadConfig({ EMBED_ORIGINS: 'https://a.example/path' })).toThrow(/EMBED_ORIGINS/);
    expect(() => loadConfig({ EMBED_ORIGINS: "'self'" })).toThrow(/EMBED_ORIGINS/);
    expect(() =>
      loadConfig({ FRAME_ANCESTORS: "'none'", EMBED_ORIGINS: 'https://a.example' }),
    ).toThrow(/ERR_CONFIG: EMBED_ORIGINS/);
  });
});
