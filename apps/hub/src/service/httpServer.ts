import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  ERROR_MESSAGES,
  type ErrorCode,
  HUB_INVITE_PATH,
  type HubInvite,
  HubInviteSchema,
} from '@meshwork/protocol';
import type { MediaHubStats } from './MediaHub';

/** Largest invitation body read; anything longer is refused unread. */
export const INVITE_MAX_BYTES = 4_096;

/** What the hub's HTTP endpoint serves. */
export interface HubHttpHandlers {
  /** Counters of every hub, with each link's transceivers if `links`. */
  stats(options: { links: boolean }): MediaHubStats[];
  /** The shared secret an invitation must carry (`Authorization: Bearer <HUB_SECRET>`). */
  hubSecret: string;
  /** Serve the signal app that sent `invite` (idempotent); a refusal is a code. */
  invited(invite: HubInvite): { ok: true } | { ok: false; error: ErrorCode };
}

/**
 * The hub's HTTP endpoint: `GET /stats` is JSON of every hub's rooms and per-origin counters
 * (packets forwarded, keyframe requests, frames decoded: always 0), `GET /stats?links=1` adds
 * what each link's transceivers send and receive, `GET /healthz` says it is up, and
 * `POST /signals` (SPEC [P24]) is a signal app's invitation to dial it and serve its rooms.
 */
export function createHubHttpServer(handlers: HubHttpHandlers): Server {
  const secret = digest(handlers.hubSecret);
  return createServer((req, res) => {
    const [path, query = ''] = (req.url ?? '/').split('?');
    if (req.method === 'POST' && path === HUB_INVITE_PATH) {
      invite(req, res, secret, handlers);
      return;
    }
    if (req.method !== 'GET' || (path !== '/stats' && path !== '/healthz')) {
      send(res, 404, { ok: false });
      return;
    }
    const all = handlers.stats({ links: new URLSearchParams(query).get('links') === '1' });
    const body =
      path === '/healthz'
        ? { ok: true, hubs: all.map((h) => ({ name: h.name, connected: h.connected })) }
        : { ok: true, hubs: all };
    send(res, 200, body);
  });
}

function invite(
  req: IncomingMessage,
  res: ServerResponse,
  secret: Buffer,
  handlers: HubHttpHandlers,
): void {
  const auth = req.headers.authorization ?? '';
  const token = auth.startsWith('Bearer ') ? auth.slice('Bearer '.length) : '';
  if (!timingSafeEqual(digest(token), secret)) {
    refuse(res, 401, 'ERR_HUB_AUTH');
    req.resume();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > INVITE_MAX_BYTES) {
      refuse(res, 413, 'ERR_BAD_REQUEST');
      req.destroy();
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (res.headersSent) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      refuse(res, 400, 'ERR_BAD_REQUEST');
      return;
    }
    const request = HubInviteSchema.safeParse(parsed);
    if (!request.success) {
      refuse(res, 400, 'ERR_BAD_REQUEST');
      return;
    }
    const outcome = handlers.invited(request.data);
    if (outcome.ok) send(res, 200, { ok: true });
    else refuse(res, 503, outcome.error);
  });
}

/** Fixed-length digest, so the secret check takes the same time whatever is sent. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function refuse(res: ServerResponse, status: number, error: ErrorCode): void {
  send(res, status, { ok: false, error, message: ERROR_MESSAGES[error] });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
