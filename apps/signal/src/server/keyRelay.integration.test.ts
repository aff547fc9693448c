import type { E2eeKeyPeerMessage, E2eeKeyRequest, Result } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { disconnected, joinOk, useTestStack } from '../testing/harness';

const { server, peer } = useTestStack();

/** A frame-key message of the right shape (the signal app never verifies it: the receiver does). */
const keyMessage = (from: string, to: string): E2eeKeyPeerMessage => ({
  t: 'e2ee-key',
  from,
  to,
  keyId: 3,
  dh: `B${'d'.repeat(86)}`,
  wrapped: 'w'.repeat(80),
  sig: 's'.repeat(86),
});

describe('frame-key relay', () => {
  it('[P33] relays a frame-key message to the member it names alone, from the sender the server stamps', async () => {
    const s = await server();
    const [a, b, c] = await Promise.all([peer(s), peer(s), peer(s)]);
    const ra = await joinOk(a, 'room');
    const rb = await joinOk(b, 'room');
    await joinOk(c, 'room');
    const message = keyMessage(ra.selfId, rb.selfId);
    expect(await a.socket.emitWithAck('e2eeKey', { to: rb.selfId, message })).toEqual({ ok: true });
    expect(await b.events.waitFor('e2eeKeyRelayed')).toEqual({ from: ra.selfId, message });
    // A signal sent after it arrives after it: c got nothing meanwhile.
    await a.socket.emitWithAck('raiseHand', { raised: true });
    await c.events.waitFor('handsChanged');
    expect(c.events.all('e2eeKeyRelayed')).toEqual([]);
    expect(a.events.all('e2eeKeyRelayed')).toEqual([]);
  });

  it('[P33] refuses a message not from the sender or not to the member named, a member of another room, itself, and a malformed or oversized one', async () => {
    const s = await server();
    const [a, b, outsider] = await Promise.all([peer(s), peer(s), peer(s)]);
    const ra = await joinOk(a, 'room');
    const rb = await joinOk(b, 'room');
    const ro = await joinOk(outsider, 'elsewhere');
    // Hostile payloads: the server sees whatever a client sends.
    const ask = (req: unknown): Promise<Result> =>
      a.socket.emitWithAck('e2eeKey', req as E2eeKeyRequest);
    const code = async (req: unknown) => {
      const res = await ask(req);
      return res.ok ? 'ok' : res.error;
    };
    // Forged sender, misaddressed, and someone outside the room or the sender itself.
    expect(await code({ to: rb.selfId, message: keyMessage(ro.selfId, rb.selfId) })).toBe(
      'ERR_BAD_REQUEST',
    );
    expect(await code({ to: rb.selfId, message: keyMessage(ra.selfId, ro.selfId) })).toBe(
      'ERR_BAD_REQUEST',
    );
    expect(await code({ to: ro.selfId, message: keyMessage(ra.selfId, ro.selfId) })).toBe(
      'ERR_UNKNOWN_PEER',
    );
    expect(await code({ to: ra.selfId, message: keyMessage(ra.selfId, ra.selfId) })).toBe(
      'ERR_UNKNOWN_PEER',
    );
    // The schema: strict fields, the key message's own shape, and sizes.
    const good = keyMessage(ra.selfId, rb.selfId);
    expect(await code({ to: rb.selfId, message: good, extra: 1 })).toBe('ERR_BAD_REQUEST');
    expect(await code({ to: rb.selfId, message: { ...good, t: 'chat' } })).toBe('ERR_BAD_REQUEST');
    expect(await code({ to: rb.selfId, message: { ...good, wrapped: 'w'.repeat(81) } })).toBe(
      'ERR_BAD_REQUEST',
    );
    expect(await code({ to: rb.selfId, message: { ...good, keyId: 256 } })).toBe('ERR_BAD_REQUEST');
    expect(await code({ to: rb.selfId })).toBe('ERR_BAD_REQUEST');
    // Nothing of it reached anyone; a genuine one still goes.
    expect(await code({ to: rb.selfId, message: good })).toBe('ok');
    await b.events.waitFor('e2eeKeyRelayed');
    expect(b.events.all('e2eeKeyRelayed')).toEqual([{ from: ra.selfId, message: good }]);
    expect(outsider.events.all('e2eeKeyRelayed')).toEqual([]);
  });

  it('[P33] refuses a socket that has not joined', async () => {
    const s = await server();
    const [a, b] = await Promise.all([peer(s), peer(s)]);
    const rb = await joinOk(b, 'room');
    const res = await a.socket.emitWithAck('e2eeKey', {
      to: rb.selfId,
      message: keyMessage('nobody-00000001', rb.selfId),
    });
    expect(res).toMatchObject({ ok: false, error: 'ERR_NOT_JOINED' });
    expect(b.events.all('e2eeKeyRelayed')).toEqual([]);
  });

  it('[P8][P33] is rate limited like every event: a flood is refused, then the socket is cut', async () => {
    const s = await server({
      rateLimit: { burst: 20, perSecond: 0.5, abuseBurst: 10, abusePerSecond: 0.5 },
    });
    const [a, b] = await Promise.all([peer(s), peer(s)]);
    const ra = await joinOk(a, 'room');
    const rb = await joinOk(b, 'room');
    const acks: Result[] = [];
    const gone = disconnected(a);
    const message = keyMessage(ra.selfId, rb.selfId);
    for (let i = 0; i < 60; i++) {
      a.socket.emit('e2eeKey', { to: rb.selfId, message }, (res) => acks.push(res));
    }
    expect(await a.events.waitFor('serverError')).toMatchObject({ error: 'ERR_RATE_LIMITED' });
    await gone;
    expect(acks.filter((r) => r.ok).length).toBeLessThanOrEqual(20);
    expect(acks.some((r) => !r.ok && r.error === 'ERR_RATE_LIMITED')).toBe(true);
    expect(b.events.all('e2eeKeyRelayed').length).toBeLessThanOrEqual(19);
  });
});
