import { FakeClock } from '@meshwork/kit';
import type { IceServer } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { turnCredentials } from '../auth/turn';
import { joinOk, type Peer, useTestStack } from '../testing/harness';

const { server, peer } = useTestStack();

const TURN = { secret: 'coturn-secret', urls: ['turn:127.0.0.1:3478'], ttlSeconds: 3_600 };
const RENEW_MS = 0.8 * TURN.ttlSeconds * 1000;

type Changed = { iceServers: IceServer[] };

/**
 * The renewals a peer has received so far. A round trip first: the server answers in order, so
 * anything it sent before this request has arrived once its ack is here.
 */
async function renewals(p: Peer): Promise<Changed[]> {
  await p.socket.emitWithAck('reportLinks', { links: [] });
  return p.events.all<Changed>('iceServersChanged');
}

const expiryOf = (server: IceServer | undefined) => Number(server?.username?.split(':')[0]);

describe('[P19] TURN credentials', () => {
  it('[P19] renews an hour-long credential at 80 % of its life, again and again, while the peer stays', async () => {
    const clock = new FakeClock(1_700_000_000_000);
    const s = await server({
      clock,
      config: { turn: TURN, iceServers: [{ urls: 'stun:127.0.0.1:3478' }] },
    });
    const a = await peer(s);
    const joined = await joinOk(a, 'call');
    const first = joined.iceServers[1];
    expect(expiryOf(first)).toBe(1_700_000_000 + 3_600);
    clock.advance(RENEW_MS - 1);
    expect(await renewals(a)).toEqual([]);
    clock.advance(1);
    const [renewed] = await renewals(a);
    const now = clock.now();
    expect(renewed?.iceServers).toEqual([
      { urls: 'stun:127.0.0.1:3478' },
      turnCredentials(TURN, joined.selfId, now),
    ]);
    // Fresh before the old ones lapse: issued with 20 % of the old lifetime left.
    expect(expiryOf(renewed?.iceServers[1])).toBeGreaterThan(expiryOf(first));
    expect(now / 1000).toBeLessThan(expiryOf(first));
    clock.advance(RENEW_MS);
    expect(await renewals(a)).toHaveLength(2);
  });

  it('[P19] stops renewing for a peer that left, and renews nothing without TURN', async () => {
    const clock = new FakeClock(1_700_000_000_000);
    const s = await server({ clock, config: { turn: TURN } });
    const stays = await peer(s);
    const leaves = await peer(s);
    await joinOk(stays, 'call');
    await joinOk(leaves, 'call');
    expect(await leaves.socket.emitWithAck('leave')).toEqual({ ok: true });
    clock.advance(RENEW_MS);
    expect(await renewals(stays)).toHaveLength(1);
    expect(leaves.events.all('iceServersChanged')).toEqual([]);

    const plainClock = new FakeClock(1_700_000_000_000);
    const plain = await server({ clock: plainClock });
    const p = await peer(plain);
    expect((await joinOk(p, 'call')).iceServers).toEqual([]);
    plainClock.advance(10 * RENEW_MS);
    expect(await renewals(p)).toEqual([]);
  });
});
