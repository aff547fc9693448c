/**
 * Whether a browser on `origin` may open a socket. No Origin header (a non-browser client) and
 * same-origin requests are allowed; anything else must be on the allow-list. The Socket.IO `cors`
 * option alone does not stop cross-origin WebSockets, so this runs in `allowRequest`.
 */
export function isOriginAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowList: ReadonlySet<string>,
): boolean {
  if (origin === undefined) return true;
  if (allowList.has(origin)) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  return host !== undefined && parsed.host === host.toLowerCase();
}
