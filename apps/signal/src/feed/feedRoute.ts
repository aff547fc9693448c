import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock, Logger } from '@meshwork/kit';
import { ERROR_MESSAGES, type ErrorCode, LIMITS, RoomIdSchema } from '@meshwork/protocol';
import type { KeyedCounter, PasswordBackoff } from '../server/addressLimits';
import { clientAddress } from '../server/clientAddress';
import type { FeedHub } from './FeedHub';
import { SseStream } from './SseStream';

/** The feed's path: `/api/rooms/<room>/events`. */
const FEED_PATH = /^\/api\/rooms\/([^/]+)\/events$/;

/** What the feed's HTTP route needs. */
export interface FeedRouteDeps {
  hub: FeedHub;
  /** The registry's password check (see `RoomRegistry.checkPassword`). */
  checkPassword(roomId: string, password: string | null): Promise<boolean>;
  /** [P18] Password attempts per address and room, shared with joins. */
  passwords: PasswordBackoff;
  /** [P20] Open streams per client address. */
  streams: KeyedCounter;
  trustProxy: boolean;
  clock: Clock;
  logger: Logger;
}

/** The feed's route: answers a feed path (true) or leaves the request alone (false). */
export interface FeedRoute {
  handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean>;
  /** Ends every open stream. Idempotent. */
  close(): void;
}

function refuse(res: ServerResponse, status: number, error: ErrorCode): void {
  const body = JSON.stringify({ ok: false, error, message: ERROR_MESSAGES[error] });
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}

/** The password a request carries as `Authorization: Bearer <password>`, UTF-8; null: none. */
export function bearerPassword(header: string | undefined): string | null {
  const match = /^Bearer ([^\r\n]*)$/i.exec(header ?? '');
  if (match?.[1] === undefined || match[1] === '') return null;
  // Header values arrive as latin1; a UTF-8 password was sent as its bytes.
  const password = Buffer.from(match[1], 'latin1').toString('utf8');
  return password.length <= LIMITS.passwordMaxChars ? password : null;
}

function roomOf(segment: string): string | null {
  try {
    const parsed = RoomIdSchema.safeParse(decodeURIComponent(segment));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * `GET /api/rooms/:room/events` (SPEC [P20]): checks the address's stream count and the room's
 * password, then streams the room's feed until the client goes. An unknown room, a bad room id
 * and a wrong or missing password all get the same 404 `ERR_AUTH_FAILED`.
 */
export function createFeedRoute(deps: FeedRouteDeps): FeedRoute {
  const open = new Set<SseStream>();
  const log = deps.logger.child('feed');
  return {
    async handle(req, res, path) {
      const match = FEED_PATH.exec(path);
      if (match?.[1] === undefined) return false;
      const ip = clientAddress(
        { address: req.socket.remoteAddress ?? '', headers: req.headers },
        deps.trustProxy,
      );
      if (!deps.streams.acquire(ip)) {
        refuse(res, 429, 'ERR_TOO_MANY_CONNECTIONS');
        return true;
      }
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        deps.streams.release(ip);
      };
      // A client gone while its password was checked gives its place back at once.
      res.once('close', release);
      const roomId = roomOf(match[1]);
      const password = bearerPassword(req.headers.authorization);
      const key = `${ip}|${roomId ?? ''}`;
      if (password !== null && !deps.passwords.take(key, deps.clock.now())) {
        release();
        refuse(res, 429, 'ERR_RATE_LIMITED');
        return true;
      }
      const allowed = roomId !== null && (await deps.checkPassword(roomId, password));
      if (!allowed || roomId === null || res.destroyed) {
        release();
        if (!res.destroyed) refuse(res, 404, 'ERR_AUTH_FAILED');
        return true;
      }
      if (password !== null) deps.passwords.succeeded(key);
      const stream = new SseStream(res, deps.clock);
      open.add(stream);
      const lastEventId = req.headers['last-event-id'];
      const unsubscribe = deps.hub.subscribe(
        roomId,
        stream,
        typeof lastEventId === 'string' ? lastEventId : null,
      );
      res.once('close', () => {
        unsubscribe();
        open.delete(stream);
        log.debug('watcher left', { roomId });
      });
      return true;
    },
    close() {
      for (const stream of open) stream.close();
      open.clear();
    },
  };
}
