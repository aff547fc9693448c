import type { IncomingMessage, ServerResponse } from 'node:http';

/** Methods a cross-origin page may use on the API, as the preflight answers them. */
export const CORS_METHODS = 'GET, HEAD, POST, PUT, DELETE, OPTIONS';
/** Request headers a cross-origin page may send (a bearer token, JSON bodies). */
export const CORS_HEADERS = 'Authorization, Content-Type';
/** How long a browser may cache a preflight answer. */
export const CORS_MAX_AGE_S = 600;

// The API and the health check; pages and assets are not for other origins' scripts.
const CORS_PATH = /^\/(?:api\/.*|healthz)$/;

/** Whether cross-origin requests to `path` are answered with CORS headers at all. */
export function isCorsPath(path: string): boolean {
  return CORS_PATH.test(path);
}

/**
 * The CORS headers for one request: the Origin is echoed only when it is listed (never `*`);
 * `Vary: Origin` always, since the answer depends on it; a preflight also names what is allowed.
 */
export function corsHeaders(
  allowed: ReadonlySet<string>,
  origin: string | undefined,
  preflight: boolean,
): Record<string, string> {
  const vary = preflight
    ? 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers'
    : 'Origin';
  if (origin === undefined || !allowed.has(origin)) return { vary };
  const headers: Record<string, string> = { vary, 'access-control-allow-origin': origin };
  if (preflight) {
    headers['access-control-allow-methods'] = CORS_METHODS;
    headers['access-control-allow-headers'] = CORS_HEADERS;
    headers['access-control-max-age'] = String(CORS_MAX_AGE_S);
  }
  return headers;
}

/**
 * Sets CORS headers on a response to `/api/...` or `/healthz`, and answers a preflight
 * (`OPTIONS`) itself with 204. Returns true when the request is finished.
 */
export function handleCors(
  allowed: ReadonlySet<string>,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  if (!isCorsPath(path)) return false;
  const preflight = req.method === 'OPTIONS';
  for (const [name, value] of Object.entries(corsHeaders(allowed, req.headers.origin, preflight)))
    res.setHeader(name, value);
  if (!preflight) return false;
  res.writeHead(204, { 'content-length': 0 });
  res.end();
  return true;
}
