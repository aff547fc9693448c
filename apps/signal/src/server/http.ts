import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Clock, Logger } from '@meshwork/kit';
import { PROTOCOL_VERSION } from '@meshwork/protocol';
import sirv from 'sirv';
import type { ClusterHealth } from '../cluster/ClusterHealth';
import type { FeedRoute } from '../feed/feedRoute';
import type { RegistryStats } from '../registry/Directory';
import { handleCors } from './cors';
import { embedOriginsMeta } from './embedMeta';
import type { SignalMetrics } from './metrics';
import { isBearerAllowed, securityHeaders } from './securityHeaders';

/** What the HTTP side needs. */
export interface HttpDeps {
  webRoot: string;
  /** The registry's counts, read per request. */
  stats: () => RegistryStats;
  metrics: SignalMetrics;
  logger: Logger;
  clock: Clock;
  /** When the server started, on `clock`. */
  startedAt: number;
  /** [P19] Who may frame the pages (CSP `frame-ancestors` sources). */
  frameAncestors: readonly string[];
  /** [P19] Bearer token `/metrics` requires; null: open. */
  metricsToken: string | null;
  /** [P20] The live room feed, `GET /api/rooms/:room/events`; absent: not served. */
  feed?: FeedRoute;
  /** Origins (PUBLIC_ORIGINS) whose scripts may call `/api/...` and `/healthz`. */
  corsOrigins?: readonly string[];
  /** [P21] Origins that may embed a call; told to the page, which answers only them. */
  embedOrigins?: readonly string[];
  /** A cluster node's id and whether it reaches Redis; absent on a single node. */
  cluster?: () => ClusterHealth | undefined;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

// Paths the single-page app renders itself: the lobby, a room and the serverless call.
const SPA_ROUTE = /^\/(?:r\/[^/]+(?:\/watch)?\/?|p2p\/?)?$/;

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Meshwork: web app not built</title></head>
<body>
<h1>The web app is not built yet</h1>
<p>The signal app is running, but it found no <code>index.html</code> in its WEB_ROOT.</p>
<p>Build it with <code>pnpm --filter @meshwork/web build</code> (or <code>pnpm build</code> at the
repository root), or point <code>WEB_ROOT</code> at a built copy, then reload.</p>
</body></html>
`;

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    ...extra,
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/**
 * Serves `/healthz`, `/metrics`, the built web app, and the app's page for `/` and `/r/:room`.
 * Socket.IO handles `/socket.io/` before this runs.
 */
export function createHttpHandler(deps: HttpDeps): Handler {
  const log = deps.logger.child('http');
  const indexPath = join(deps.webRoot, 'index.html');
  const corsOrigins = new Set(deps.corsOrigins ?? []);
  const embedMeta = embedOriginsMeta(deps.embedOrigins ?? []);
  let assets: Handler | null = null;
  // The static file list is read once the build exists, so building after start-up works too.
  const staticFiles = (): Handler | null => {
    if (assets === null && existsSync(indexPath)) {
      const serve = sirv(deps.webRoot, { etag: true, gzip: true, brotli: true, dotfiles: false });
      assets = (req, res) => serve(req, res, () => send(res, 404, 'text/plain', 'Not found\n'));
    }
    return assets;
  };

  const serveIndex = async (res: ServerResponse) => {
    let html: string;
    try {
      html = await readFile(indexPath, 'utf8');
    } catch {
      send(res, 503, 'text/html; charset=utf-8', NOT_BUILT_PAGE);
      return;
    }
    send(res, 200, 'text/html; charset=utf-8', html.replace('<head>', `<head>${embedMeta}`));
  };

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (handleCors(corsOrigins, path, req, res)) return;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'text/plain', 'Method not allowed\n');
      return;
    }
    if (req.method === 'GET' && deps.feed && (await deps.feed.handle(req, res, path))) return;
    if (path === '/healthz') {
      const stats = deps.stats();
      const cluster = deps.cluster?.();
      // A cluster node without Redis takes no joins: a balancer's health check should skip it.
      const down = cluster?.redis === 'down';
      const body = JSON.stringify({
        status: down ? 'degraded' : 'ok',
        protocolVersion: PROTOCOL_VERSION,
        uptimeS: Math.round((deps.clock.now() - deps.startedAt) / 1000),
        rooms: stats.rooms,
        peers: stats.peers,
        ...(cluster ? { cluster } : {}),
      });
      send(res, down ? 503 : 200, 'application/json', body);
      return;
    }
    if (path === '/metrics') {
      if (!isBearerAllowed(deps.metricsToken, req.headers.authorization)) {
        send(res, 401, 'text/plain', 'Unauthorized\n', { 'www-authenticate': 'Bearer' });
        return;
      }
      send(res, 200, deps.metrics.registry.contentType, await deps.metrics.registry.metrics());
      return;
    }
    if (SPA_ROUTE.test(path)) {
      await serveIndex(res);
      return;
    }
    const serve = staticFiles();
    if (serve) serve(req, res);
    else send(res, 404, 'text/plain', 'Not found\n');
  };

  return (req, res) => {
    // Set before routing, so every answer carries them: pages, assets, errors, health, metrics.
    for (const [name, value] of Object.entries(
      securityHeaders(deps.frameAncestors, req.headers.host),
    ))
      res.setHeader(name, value);
    route(req, res).catch((err: unknown) => {
      log.error('http request failed', { err });
      if (!res.headersSent) send(res, 500, 'text/plain', 'Internal error\n');
      else res.destroy();
    });
  };
}
