import { createServer, type Server } from 'node:http';
import type { MediaHubStats } from './MediaHub';

/**
 * The hub's HTTP endpoint: `GET /stats` is JSON of every hub's rooms and per-origin counters
 * (packets forwarded, keyframe requests, frames decoded: always 0), `GET /stats?links=1` adds
 * what each link's transceivers send and receive, `GET /healthz` says it is up.
 */
export function createStatsServer(stats: (options: { links: boolean }) => MediaHubStats[]): Server {
  return createServer((req, res) => {
    const [path, query = ''] = (req.url ?? '/').split('?');
    if (req.method !== 'GET' || (path !== '/stats' && path !== '/healthz')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"ok":false}');
      return;
    }
    const all = stats({ links: new URLSearchParams(query).get('links') === '1' });
    const body =
      path === '/healthz'
        ? { ok: true, hubs: all.map((h) => ({ name: h.name, connected: h.connected })) }
        : { ok: true, hubs: all };
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  });
}
