import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { PROTOCOL_VERSION } from '@meshwork/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinOk, useTestStack } from '../testing/harness';

let webRoot: string;
let emptyRoot: string;

beforeAll(() => {
  webRoot = mkdtempSync(joinPath(tmpdir(), 'meshwork-web-'));
  writeFileSync(joinPath(webRoot, 'index.html'), '<!doctype html><title>Meshwork</title>');
  mkdirSync(joinPath(webRoot, 'assets'));
  writeFileSync(joinPath(webRoot, 'assets', 'app.js'), 'console.info("app");');
  emptyRoot = mkdtempSync(joinPath(tmpdir(), 'meshwork-empty-'));
});

afterAll(() => {
  rmSync(webRoot, { recursive: true, force: true });
  rmSync(emptyRoot, { recursive: true, force: true });
});

const stack = useTestStack();

function server(root: string) {
  return stack.server({ config: { webRoot: root } });
}

describe('http endpoints', () => {
  it('answers /healthz with JSON', async () => {
    const s = await server(webRoot);
    const res = await fetch(`${s.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toMatchObject({
      status: 'ok',
      rooms: 0,
      peers: 0,
      protocolVersion: PROTOCOL_VERSION,
    });
  });

  it('exposes Prometheus metrics for rooms, peers, joins, plans and rejects', async () => {
    const s = await server(webRoot);
    const p = await stack.peer(s);
    await joinOk(p, 'metered');
    const res = await fetch(`${s.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('meshwork_rooms 1');
    expect(text).toContain('meshwork_peers{state="connected"} 1');
    expect(text).toContain('meshwork_join_latency_ms_bucket{le="0.1"}');
    expect(text).toContain('meshwork_join_latency_ms_count 1');
    expect(text).toContain('meshwork_plan_versions_total 1');
    expect(text).toContain('meshwork_signals_relayed_total 0');
    expect(text).toContain('meshwork_rejects_total{code="ERR_ROOM_FULL"} 0');
  });

  it('serves the web app for / and /r/:room, static assets, and 404 elsewhere', async () => {
    const s = await server(webRoot);
    for (const path of ['/', '/r/x', '/r/brave-otter-42', '/p2p']) {
      const res = await fetch(`${s.url}${path}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>Meshwork</title>');
    }
    const asset = await fetch(`${s.url}/assets/app.js`);
    expect(asset.status).toBe(200);
    expect(await asset.text()).toContain('console.info');
    expect((await fetch(`${s.url}/nope`)).status).toBe(404);
    expect((await fetch(`${s.url}/r/x/y`)).status).toBe(404);
    expect((await fetch(`${s.url}/`, { method: 'POST' })).status).toBe(405);
  });

  it('answers a clear 503 page when the web app is not built', async () => {
    const s = await server(emptyRoot);
    const res = await fetch(`${s.url}/r/x`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('not built');
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  });
});

const METRICS_TOKEN = 'scrape-token-0123456789';

/** The CSP of a response, as directive name -> sources. */
function csp(res: Response): Map<string, string[]> {
  const header = res.headers.get('content-security-policy') ?? '';
  return new Map(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name as string, sources]),
  );
}

describe('[P19] http headers and metrics', () => {
  it('[P19] serves every page, asset and endpoint with the CSP and the other security headers', async () => {
    const s = await server(webRoot);
    const host = new URL(s.url).host;
    for (const path of ['/', '/r/brave-otter', '/assets/app.js', '/healthz', '/metrics', '/nope']) {
      const res = await fetch(`${s.url}${path}`);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('permissions-policy'), path).toBe(
        'camera=(self), microphone=(self), display-capture=(self)',
      );
      expect(res.headers.get('x-frame-options'), path).toBe('SAMEORIGIN');
      const policy = csp(res);
      expect(policy.get('default-src'), path).toEqual(["'self'"]);
      expect(policy.get('script-src'), path).toEqual(["'self'"]);
      expect(policy.get('style-src'), path).toEqual(["'self'"]);
      expect(policy.get('connect-src'), path).toEqual(["'self'", `ws://${host}`, `wss://${host}`]);
      expect(policy.get('img-src'), path).toEqual(["'self'", 'data:', 'blob:']);
      expect(policy.get('media-src'), path).toEqual(["'self'", 'blob:']);
      expect(policy.get('frame-ancestors'), path).toEqual(["'self'"]);
      await res.arrayBuffer();
    }
    const notBuilt = await fetch(`${(await server(emptyRoot)).url}/r/x`);
    expect(notBuilt.status).toBe(503);
    expect(csp(notBuilt).get('script-src')).toEqual(["'self'"]);
  });

  it('[P19] takes frame-ancestors from FRAME_ANCESTORS and drops X-Frame-Options for a list of origins', async () => {
    const origins = ["'self'", 'https://intranet.example.org'];
    const listed = await stack.server({ config: { webRoot, frameAncestors: origins } });
    const res = await fetch(`${listed.url}/r/x`);
    expect(csp(res).get('frame-ancestors')).toEqual(origins);
    expect(res.headers.get('x-frame-options')).toBeNull();
    const none = await stack.server({ config: { webRoot, frameAncestors: ["'none'"] } });
    const denied = await fetch(`${none.url}/`);
    expect(csp(denied).get('frame-ancestors')).toEqual(["'none'"]);
    expect(denied.headers.get('x-frame-options')).toBe('DENY');
  });

  it('[P19] never copies a forged Host header into the CSP', async () => {
    const s = await server(webRoot);
    const { port } = new URL(s.url);
    const raw = await new Promise<string>((resolve, reject) => {
      const sock = createConnection(Number(port), '127.0.0.1', () =>
        // write, not end: a half-closed socket is dropped before the page is read from disk.
        sock.write('GET / HTTP/1.1\r\nHost: evil; script-src *\r\nConnection: close\r\n\r\n'),
      );
      let text = '';
      sock.on('data', (d) => {
        text += d.toString();
      });
      sock.on('end', () => resolve(text));
      sock.on('error', reject);
    });
    const line = raw
      .split('\r\n')
      .find((l) => l.toLowerCase().startsWith('content-security-policy'));
    expect(line).toContain("connect-src 'self';");
    expect(line).not.toContain('evil');
    expect(line).not.toContain('script-src *');
  });

  it('[P19] puts /metrics behind METRICS_TOKEN: 401 without the bearer token, 200 with it', async () => {
    const s = await stack.server({ config: { webRoot, metricsToken: METRICS_TOKEN } });
    const bare = await fetch(`${s.url}/metrics`);
    expect(bare.status).toBe(401);
    expect(bare.headers.get('www-authenticate')).toBe('Bearer');
    expect(await bare.text()).not.toContain('meshwork_');
    for (const authorization of [`Bearer ${METRICS_TOKEN}x`, `Basic ${METRICS_TOKEN}`, 'Bearer']) {
      const res = await fetch(`${s.url}/metrics`, { headers: { authorization } });
      expect(res.status, authorization).toBe(401);
      await res.arrayBuffer();
    }
    const ok = await fetch(`${s.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('meshwork_rooms 0');
    // Health stays open for load balancers.
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  });
});
