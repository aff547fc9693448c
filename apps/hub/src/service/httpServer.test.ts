// The hub's HTTP endpoint over a real socket on 127.0.0.1.
import type { AddressInfo } from 'node:net';
import type { HubInvite } from '@meshwork/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { createHubHttpServer, INVITE_MAX_BYTES } from './httpServer';

const SECRET = 'hub-secret-0123456789';
const servers: Array<ReturnType<typeof createHubHttpServer>> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function start() {
  const invites: HubInvite[] = [];
  const server = createHubHttpServer({
    stats: ({ links }) => [
      {
        name: 'hub',
        signal: 'http://127.0.0.1:1',
        connected: true,
        limits: { maxRooms: 1, maxStreams: 1 },
        streams: 0,
        cpuPercent: 0,
        eventLoopDelay: { p50Ms: 0, p99Ms: 0, maxMs: 0 },
        rooms: links ? [] : [],
      },
    ],
    hubSecret: SECRET,
    invited: (invite) => {
      invites.push(invite);
      return invite.url.includes('full') ? { ok: false, error: 'ERR_HUB_FULL' } : { ok: true };
    },
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const invite = (body: string, token = SECRET) =>
    fetch(`${base}/signals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    });
  return { base, invites, invite };
}

describe('the hub HTTP endpoint', () => {
  it('[P24] takes an invitation carrying the secret and a signal app URL', async () => {
    const hub = await start();
    const res = await hub.invite(JSON.stringify({ url: 'https://meet.example.org' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(hub.invites).toEqual([{ url: 'https://meet.example.org' }]);
  });

  it.each([
    [
      'a wrong secret',
      JSON.stringify({ url: 'https://x.example' }),
      'wrong-secret-0123456789',
      401,
      'ERR_HUB_AUTH',
    ],
    ['no JSON', '{url:', SECRET, 400, 'ERR_BAD_REQUEST'],
    [
      'a URL that is not http(s)',
      JSON.stringify({ url: 'javascript:alert(1)' }),
      SECRET,
      400,
      'ERR_BAD_REQUEST',
    ],
    [
      'extra length',
      JSON.stringify({ url: `https://x.example/${'a'.repeat(INVITE_MAX_BYTES)}` }),
      SECRET,
      413,
      'ERR_BAD_REQUEST',
    ],
    [
      'a hub at its limit',
      JSON.stringify({ url: 'https://full.example' }),
      SECRET,
      503,
      'ERR_HUB_FULL',
    ],
  ])('[P24] refuses %s with a code', async (_what, body, token, status, error) => {
    const hub = await start();
    const res = await hub.invite(body, token);
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ ok: false, error });
    expect(hub.invites.filter((i) => !i.url.includes('full'))).toEqual([]);
  });

  it('serves /stats, /healthz and 404 elsewhere', async () => {
    const hub = await start();
    expect((await fetch(`${hub.base}/healthz`)).status).toBe(200);
    const stats = (await (await fetch(`${hub.base}/stats?links=1`)).json()) as { ok: boolean };
    expect(stats.ok).toBe(true);
    expect((await fetch(`${hub.base}/nope`)).status).toBe(404);
    expect((await fetch(`${hub.base}/signals`)).status).toBe(404);
  });
});
