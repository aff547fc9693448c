import { secretsEqual } from './secretCompare';

// A Host header as browsers send it (name or bracketed IPv6, optional port); anything else is
// left out of the CSP rather than copied into it.
const HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * [P19] The page's Content-Security-Policy. Scripts and styles come only from the app's own
 * files (the built page has no inline script or style; React sets styles through the DOM,
 * which CSP does not govern); the socket connects to the page's own host over ws: or wss:;
 * camera frames and received files are `blob:` URLs; who may frame the page is configured.
 */
export function contentSecurityPolicy(frameAncestors: readonly string[], host?: string): string {
  const sockets = host !== undefined && HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self'${sockets}`,
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.join(' ')}`,
  ].join('; ');
}

/**
 * [P19] Headers every response carries. `X-Frame-Options` repeats frame-ancestors for old
 * browsers where it can say the same thing ('self' or 'none'); for a list of origins it is
 * left out, since its `ALLOW-FROM` is ignored by browsers and would contradict the CSP.
 */
export function securityHeaders(
  frameAncestors: readonly string[],
  host?: string,
): Record<string, string> {
  const headers: Record<string, string> = {
    'content-security-policy': contentSecurityPolicy(frameAncestors, host),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'permissions-policy': 'camera=(self), microphone=(self), display-capture=(self)',
    'cross-origin-opener-policy': 'same-origin',
  };
  const only = frameAncestors.length === 1 ? frameAncestors[0] : undefined;
  if (only === "'self'") headers['x-frame-options'] = 'SAMEORIGIN';
  if (only === "'none'") headers['x-frame-options'] = 'DENY';
  return headers;
}

/**
 * [P19] Whether an `Authorization` header carries `Bearer <token>`, compared in constant time;
 * with no token configured every request is allowed.
 */
export function isBearerAllowed(token: string | null, authorization: string | undefined): boolean {
  if (token === null) return true;
  const match = /^Bearer +(\S+) *$/i.exec(authorization ?? '');
  if (match?.[1] === undefined) return false;
  return secretsEqual(token, match[1]);
}
