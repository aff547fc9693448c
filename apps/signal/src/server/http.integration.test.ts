import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
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
      protocolVersion: 1,
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
    for (const path of ['/', '/r/x', '/r/brave-otter-42']) {
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
