// [P26] Raised hands and reactions with real socket.io clients against the real signal app.
import { describe, expect, it } from 'vitest';
import { REACTIONS_PER_WINDOW } from '../registry/Hands';
import { join, joinOk, type Peer, useTestStack } from '../testing/harness';

const { server, peer } = useTestStack();

type Hands = { hands: string[] };

function seesHands(member: Peer, hands: string[]): Promise<Hands> {
  return member.events.waitFor<Hands>('handsChanged', (e) => e.hands.join() === hands.join());
}

describe('[P26] hands and reactions', () => {
  it('[P26] hands are listed in the order raised; a member lowers their own, the host lowers others', async () => {
    const s = await server();
    const [host, ana, bo] = [await peer(s), await peer(s), await peer(s)];
    const h = await joinOk(host, 'hands', { displayName: 'Host' });
    const a = await joinOk(ana, 'hands', { displayName: 'Ana' });
    const b = await joinOk(bo, 'hands', { displayName: 'Bo' });
    expect(await bo.socket.emitWithAck('raiseHand', { raised: true })).toEqual({ ok: true });
    expect(await ana.socket.emitWithAck('raiseHand', { raised: true })).toEqual({ ok: true });
    // Raising again changes nothing: Bo stays first.
    expect(await bo.socket.emitWithAck('raiseHand', { raised: true })).toEqual({ ok: true });
    await seesHands(host, [b.selfId, a.selfId]);
    // A member cannot lower (or raise) someone else's hand; the host can only lower it.
    expect(
      await ana.socket.emitWithAck('raiseHand', { raised: false, peer: b.selfId }),
    ).toMatchObject({ error: 'ERR_NOT_HOST' });
    expect(
      await host.socket.emitWithAck('raiseHand', { raised: true, peer: b.selfId }),
    ).toMatchObject({ error: 'ERR_BAD_REQUEST' });
    expect(await host.socket.emitWithAck('raiseHand', { raised: false, peer: b.selfId })).toEqual({
      ok: true,
    });
    await seesHands(ana, [a.selfId]);
    // A newcomer sees the hands already up.
    const cy = await peer(s);
    await joinOk(cy, 'hands', { displayName: 'Cy' });
    await seesHands(cy, [a.selfId]);
    expect(await ana.socket.emitWithAck('raiseHand', { raised: false })).toEqual({ ok: true });
    await seesHands(host, []);
    // A member who leaves with a hand up loses it.
    const before = host.events.all('handsChanged').length;
    const since = () => host.events.all<Hands>('handsChanged').slice(before);
    await bo.socket.emitWithAck('raiseHand', { raised: true });
    await host.events.waitFor('handsChanged', () => since().length === 1);
    await bo.socket.emitWithAck('leave');
    await host.events.waitFor('handsChanged', () => since().length === 2);
    expect(since()).toEqual([{ hands: [b.selfId] }, { hands: [] }]);
    expect(h.selfId).not.toBe(b.selfId);
  });

  it('[P26] a reaction reaches everyone once; unknown ones and floods are refused with codes', async () => {
    const s = await server();
    const [ana, bo] = [await peer(s), await peer(s)];
    const a = await joinOk(ana, 'react', { displayName: 'Ana' });
    await joinOk(bo, 'react', { displayName: 'Bo' });
    expect(await ana.socket.emitWithAck('react', { reaction: 'clap' })).toEqual({ ok: true });
    const got = await bo.events.waitFor<{ peerId: string; reaction: string; at: number }>(
      'reacted',
    );
    expect(got).toMatchObject({ peerId: a.selfId, reaction: 'clap' });
    await ana.events.waitFor('reacted');
    for (const bad of ['<img src=x onerror=alert(1)>', 'CLAP', '', 42, null]) {
      expect(await ana.socket.emitWithAck('react', { reaction: bad } as never)).toMatchObject({
        ok: false,
        error: 'ERR_BAD_REQUEST',
      });
    }
    const answers = [];
    for (let i = 0; i < REACTIONS_PER_WINDOW + 2; i++) {
      answers.push(await ana.socket.emitWithAck('react', { reaction: 'heart' }));
    }
    // One went out above; the window allows REACTIONS_PER_WINDOW in all.
    expect(answers.filter((r) => r.ok)).toHaveLength(REACTIONS_PER_WINDOW - 1);
    expect(answers.filter((r) => !r.ok && r.error === 'ERR_RATE_LIMITED')).toHaveLength(3);
    await bo.events.waitFor(
      'reacted',
      () => bo.events.all('reacted').length === REACTIONS_PER_WINDOW,
    );
    expect(bo.events.all('reacted')).toHaveLength(REACTIONS_PER_WINDOW);
    // Nothing from someone outside the room.
    const outsider = await peer(s);
    expect(await outsider.socket.emitWithAck('react', { reaction: 'clap' })).toMatchObject({
      error: 'ERR_NOT_JOINED',
    });
    expect(await join(outsider, 'other-room')).toMatchObject({ ok: true });
  });
});
