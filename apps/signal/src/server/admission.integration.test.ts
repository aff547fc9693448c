import { request } from 'node:http';
import type { Result } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { disconnected, join, joinOk, useTestStack } from '../testing/harness';

const { server, peer } = useTestStack();

describe('rate limits', () => {
  it('[P8] answers a flood with ERR_RATE_LIMITED, then a serverError and a disconnect', async () => {
    const s = await server({
      rateLimit: { burst: 20, perSecond: 0.5, abuseBurst: 10, abusePerSecond: 0.5 },
    });
    const a = await peer(s);
    await joinOk(a, 'room');
    const acks: Result[] = [];
    const gone = disconnected(a);
    for (let i = 0; i < 60; i++) {
      a.socket.emit('reportLinks', { links: [] }, (res) => acks.push(res));
    }
    expect(await a.events.waitFor('serverError')).toMatchObject({ error: 'ERR_RATE_LIMITED' });
    await gone;
    expect(acks.filter((r) => r.ok).length).toBeLessThanOrEqual(20);
    expect(acks.some((r) => !r.ok && r.error === 'ERR_RATE_LIMITED')).toBe(true);
    const metrics = await s.signal.metrics.registry.metrics();
    expect(metrics).toMatch(/meshwork_rejects_total\{code="ERR_RATE_LIMITED"\} [1-9]/);
  });

  it('[P8] drops an ack-less signal over budget and says so with a serverError', async () => {
    const s = await server({
      rateLimit: { burst: 3, perSecond: 0.5, abuseBurst: 10, abusePerSecond: 0.5 },
    });
    const a = await peer(s);
    const b = await peer(s);
    await joinOk(a, 'room');
    const rb = await joinOk(b, 'room');
    const epoch = rb.plan.links[0]?.epoch ?? -1;
    // The join used one message of a's budget; two signals fit, the third does not.
    for (let i = 0; i < 3; i++) {
      a.socket.emit('signal', { to: rb.selfId, epoch, signal: { type: 'ice-restart' } });
    }
    expect(await a.events.waitFor('serverError')).toMatchObject({ error: 'ERR_RATE_LIMITED' });
    await b.events.waitFor('signal', () => b.events.all('signal').length === 2);
    expect(a.socket.connected).toBe(true);
    expect(b.events.all('signal')).toHaveLength(2);
  });

  it('[P8] counts unknown events against the limit', async () => {
    const s = await server({
      rateLimit: { burst: 10, perSecond: 0.5, abuseBurst: 100, abusePerSecond: 0.5 },
    });
    const a = await peer(s);
    for (let i = 0; i < 10; i++) (a.socket.emit as (e: string) => void)('noSuchEvent');
    expect(await join(a, 'room')).toMatchObject({ ok: false, error: 'ERR_RATE_LIMITED' });
  });
});

describe('admission', () => {
  it('[P8] lets the first joiner set a password and refuses wrong or missing ones', async () => {
    const s = await server();
    await joinOk(await peer(s), 'locked', { password: 'open sesame' });
    expect(await join(await peer(s), 'locked')).toMatchObject({
      ok: false,
      error: 'ERR_AUTH_FAILED',
    });
    expect(await join(await peer(s), 'locked', { password: 'open says me' })).toMatchObject({
      ok: false,
      error: 'ERR_AUTH_FAILED',
    });
    const ok = await joinOk(await peer(s), 'locked', { password: 'open sesame' });
    expect(ok.room.settings.passwordProtected).toBe(true);
  });

  it('[P8] limits password guesses per connection', async () => {
    const s = await server();
    await joinOk(await peer(s), 'locked', { password: 'right' });
    const guesser = await peer(s);
    const answers: string[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await join(guesser, 'locked', { password: `guess-${i}` });
      answers.push(res.ok ? 'ok' : res.error);
    }
    expect(answers.slice(0, 5)).toEqual(Array(5).fill('ERR_AUTH_FAILED'));
    expect(answers).toContain('ERR_RATE_LIMITED');
  });

  it('[P8] refuses a join to a full room', async () => {
    const s = await server({ config: { maxPeersPerRoom: 2 } });
    await joinOk(await peer(s), 'small');
    await joinOk(await peer(s), 'small');
    expect(await join(await peer(s), 'small')).toMatchObject({ ok: false, error: 'ERR_ROOM_FULL' });
  });

  it('[P8] allows listed, same-origin and no-Origin clients, and refuses other origins', async () => {
    const s = await server({ config: { publicOrigins: ['https://app.example'] } });
    await expect(
      peer(s, { extraHeaders: { origin: 'https://app.example' } }),
    ).resolves.toBeDefined();
    await expect(peer(s, { extraHeaders: { origin: s.url } })).resolves.toBeDefined();
    await expect(peer(s)).resolves.toBeDefined();
    await expect(peer(s, { extraHeaders: { origin: 'https://evil.example' } })).rejects.toThrow();
    await expect(
      peer(s, { transports: ['polling'], extraHeaders: { origin: 'https://evil.example' } }),
    ).rejects.toThrow();
    const refused = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        `${s.url}/socket.io/?EIO=4&transport=polling`,
        { headers: { origin: 'https://evil.example' } },
        (res) => {
          let body = '';
          res.on('data', (chunk) => {
            body += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('ERR_ORIGIN_NOT_ALLOWED');
    const metrics = await s.signal.metrics.registry.metrics();
    expect(metrics).toMatch(/meshwork_rejects_total\{code="ERR_ORIGIN_NOT_ALLOWED"\} [1-9]/);
  });
});
