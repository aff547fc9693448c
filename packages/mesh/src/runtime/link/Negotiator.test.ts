import { until } from '@meshwork/kit';
import type { Signal } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { FakeTrack } from '../testing/FakeTrack';
import { linkPair } from '../testing/linkPair';
import { OFFER_ANSWER_TIMEOUT_MS } from './Negotiator';

const cam = (origin: string) => ({ origin, key: 'cam', kind: 'video' as const });
const asTrack = (t: FakeTrack) => t as unknown as MediaStreamTrack;

/** Moves the fake clock in small steps, letting the control channel's pings through between. */
async function elapse(clock: { advance(ms: number): void }, ms: number): Promise<void> {
  for (let t = 0; t < ms; t += 100) {
    clock.advance(100);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

function descriptions(sent: ReadonlyArray<{ from: string; signal: Signal }>, from: 'a' | 'b') {
  return sent.filter((m) => m.from === from && m.signal.type === 'description');
}

describe('Negotiator (two links over fake connections)', () => {
  it('[M25] an offer lost in transit is sent again, so the impolite end listens again', async () => {
    const p = linkPair();
    await p.connected();
    p.hold();
    p.a.setOutgoing([{ identity: cam('peer-aaaa'), track: asTrack(new FakeTrack('video')) }]);
    await until(() => p.pcA.signalingState === 'have-local-offer', { what: 'a offering' });
    // The signal app lost a's offer (its socket was down, or the node died with it in flight).
    p.release(() => []);
    p.b.setOutgoing([{ identity: cam('peer-bbbb'), track: asTrack(new FakeTrack('video')) }]);
    await until(() => p.pcB.signalingState === 'have-local-offer', { what: 'b offering' });
    // a is impolite and still waits for its answer: it ignores b's offer. Stuck, until the bound.
    await until(() => p.pcB.signalingState === 'have-local-offer' && p.sent.length > 0, {
      what: 'b offer delivered',
    });
    // Just short of the bound the link is still stuck: nothing else (no ICE restart) frees it.
    await elapse(p.clock, OFFER_ANSWER_TIMEOUT_MS - 200);
    expect(p.a.incoming.size).toBe(0);
    expect(p.pcA.log).not.toContain('rollback');
    await elapse(p.clock, 300);
    await until(
      () =>
        p.a.incoming.size === 1 &&
        p.b.incoming.size === 1 &&
        p.pcA.signalingState === 'stable' &&
        p.pcB.signalingState === 'stable',
      { what: 'both offers negotiated after the retry' },
    );
    // The same offer went again (b, polite, took its own back for it): a took nothing back.
    expect(p.pcA.log).not.toContain('rollback');
    expect(p.pcB.log).toContain('rollback');
    expect(p.errors).toEqual([]);
  });

  it('[M25] an offer the far end applied but answered late is not taken back: no new mids, the link keeps negotiating', async () => {
    // A loaded machine: b applies a's offer at once but its answer takes longer than the bound.
    const p = linkPair();
    p.network.strictMlines = true;
    await p.connected();
    p.hold();
    p.a.setOutgoing([{ identity: cam('peer-aaaa'), track: asTrack(new FakeTrack('video')) }]);
    await until(() => p.held.some((m) => m.from === 'a' && m.signal.type === 'description'), {
      what: 'a offering',
    });
    // b gets the offer at once; its answer stays in flight (held) past the bound.
    let late: typeof p.sent = [];
    p.release((held) => held.filter((m) => m.from === 'a'));
    p.hold();
    await until(() => p.held.some((m) => m.from === 'b' && m.signal.type === 'description'), {
      what: 'b answered',
    });
    await elapse(p.clock, OFFER_ANSWER_TIMEOUT_MS + 500);
    p.release((held) => {
      late = held;
      return held;
    });
    expect(late.length).toBeGreaterThan(0);
    await until(
      () =>
        p.pcA.signalingState === 'stable' &&
        p.pcB.signalingState === 'stable' &&
        p.b.incoming.size === 1,
      { what: 'negotiated after the late answer' },
    );
    await elapse(p.clock, 500);
    expect(p.errors).toEqual([]);
    expect([p.a.status, p.b.status]).toEqual(['connected', 'connected']);
    // And it still negotiates: a second track reaches b.
    p.a.setOutgoing([
      { identity: cam('peer-aaaa'), track: asTrack(new FakeTrack('video')) },
      {
        identity: { origin: 'peer-cccc', key: 'cam', kind: 'video' },
        track: asTrack(new FakeTrack('video')),
      },
    ]);
    await until(() => p.b.incoming.size === 2, { what: 'the relayed track named at b' });
    expect(p.errors).toEqual([]);
  });

  it('[M25] an offer sent again after its late answer is answered again, not applied again; the second copy of the answer meets a newer offer and is dropped, not refused', async () => {
    const p = linkPair();
    p.network.strictMlines = true;
    await p.connected();
    p.hold();
    const first = { identity: cam('peer-aaaa'), track: asTrack(new FakeTrack('video')) };
    p.a.setOutgoing([first]);
    await until(() => p.held.some((m) => m.from === 'a' && m.signal.type === 'description'), {
      what: 'a offering',
    });
    // b applies the offer; its answer is slow, past the bound, so a sends the offer again.
    p.release();
    p.hold();
    await until(() => descriptions(p.held, 'b').length === 1, { what: 'b answered' });
    const answer = descriptions(p.held, 'b')[0];
    await elapse(p.clock, OFFER_ANSWER_TIMEOUT_MS + 500);
    expect(descriptions(p.held, 'a')).toHaveLength(1);
    const bApplied = p.pcB.remoteDescriptionsSet;
    // b gets the offer again (its first answer still in flight): the same answer again.
    const toA: typeof p.sent = [];
    p.release((held) => {
      toA.push(...held.filter((m) => m.from === 'b'));
      return held.filter((m) => m.from === 'a');
    });
    p.hold();
    await until(() => descriptions(p.held, 'b').length === 1, { what: 'b answering again' });
    const again = descriptions(p.held, 'b')[0];
    expect(again?.signal).toEqual(answer?.signal);
    expect(p.pcB.remoteDescriptionsSet).toBe(bApplied);
    // The first answer lands; a offers a second track at once; then the copy arrives.
    for (const m of toA) p.a.handleSignal(m.signal);
    await until(() => p.pcA.signalingState === 'stable', { what: 'a took the answer' });
    p.a.setOutgoing([
      first,
      {
        identity: { origin: 'peer-cccc', key: 'cam', kind: 'video' },
        track: asTrack(new FakeTrack('video')),
      },
    ]);
    await until(() => p.pcA.signalingState === 'have-local-offer', { what: 'a offering again' });
    p.release((held) => {
      const copies = held.filter((m) => m.from === 'b');
      for (const m of copies) p.a.handleSignal(m.signal);
      return held.filter((m) => m.from === 'a');
    });
    await until(
      () =>
        p.b.incoming.size === 2 &&
        p.pcA.signalingState === 'stable' &&
        p.pcB.signalingState === 'stable',
      { what: 'the second track negotiated' },
    );
    await elapse(p.clock, 500);
    expect(p.errors).toEqual([]);
    expect([p.a.status, p.b.status]).toEqual(['connected', 'connected']);
  });

  it('[M25] an answered offer is never taken back', async () => {
    const p = linkPair();
    await p.connected();
    p.a.setOutgoing([{ identity: cam('peer-aaaa'), track: asTrack(new FakeTrack('video')) }]);
    await until(() => p.b.incoming.size === 1 && p.pcA.signalingState === 'stable', {
      what: 'negotiated',
    });
    const offers = descriptions(p.sent, 'a').length;
    await elapse(p.clock, OFFER_ANSWER_TIMEOUT_MS * 2);
    expect(descriptions(p.sent, 'a')).toHaveLength(offers);
    expect(p.pcA.log).not.toContain('rollback');
  });

  it('[M2] the offerer speaks first and both ends connect with the control channel open', async () => {
    const p = linkPair();
    const opened: string[] = [];
    p.a.on('channelOpened', () => opened.push('a'));
    p.b.on('channelOpened', () => opened.push('b'));
    await until(() => opened.length === 2, { what: 'both control channels open' });
    expect(p.a.status).toBe('connected');
    expect(p.b.status).toBe('connected');
    expect(opened.sort()).toEqual(['a', 'b']);
    expect(p.sent[0]?.from).toBe('a');
    expect(p.errors).toEqual([]);
  });

  it('[M2] works where setLocalDescription() needs an argument (wrtc)', async () => {
    const p = linkPair({ implicitDescription: false });
    await p.connected();
    expect([p.a.status, p.b.status]).toEqual(['connected', 'connected']);
    expect(p.errors).toEqual([]);
  });

  it('[M2][M4] glare: both offer at once; the impolite side ignores, the polite rolls back', async () => {
    const p = linkPair();
    await p.connected();
    p.hold();
    p.a.setOutgoing([{ identity: cam('peer-aaaa'), track: asTrack(new FakeTrack('video')) }]);
    p.b.setOutgoing([{ identity: cam('peer-bbbb'), track: asTrack(new FakeTrack('video')) }]);
    await until(
      () =>
        p.pcA.signalingState === 'have-local-offer' && p.pcB.signalingState === 'have-local-offer',
      { what: 'both ends offering' },
    );
    expect(p.pcA.signalingState).toBe('have-local-offer');
    expect(p.pcB.signalingState).toBe('have-local-offer');
    p.release();
    await until(
      () =>
        p.a.incoming.size === 1 &&
        p.b.incoming.size === 1 &&
        p.pcA.signalingState === 'stable' &&
        p.pcB.signalingState === 'stable',
      { what: 'both offers negotiated' },
    );
    expect(p.pcB.log).toContain('rollback');
    expect(p.pcA.log).not.toContain('rollback');
    expect([p.pcA.signalingState, p.pcB.signalingState]).toEqual(['stable', 'stable']);
    expect([...p.a.incoming.keys()]).toEqual(['peer-bbbb/cam/video']);
    expect([...p.b.incoming.keys()]).toEqual(['peer-aaaa/cam/video']);
    expect(p.errors).toEqual([]);
  });

  it('[M3] candidates that arrive before the offer are queued, not lost', async () => {
    const p = linkPair();
    p.hold();
    await until(() => p.held.some((m) => m.from === 'a' && m.signal.type === 'candidate'), {
      what: "the offerer's offer and candidates held",
    });
    // Deliver the offerer's candidates ahead of its offer.
    p.release((held) => [
      ...held.filter((m) => m.signal.type === 'candidate'),
      ...held.filter((m) => m.signal.type !== 'candidate'),
    ]);
    await p.connected();
    expect([p.a.status, p.b.status]).toEqual(['connected', 'connected']);
    expect(p.errors).toEqual([]);
  });

  it('[M5] every m-line carries the codecs this end can both send and receive, either end offering', async () => {
    const p = linkPair();
    await p.connected();
    p.a.setOutgoing([{ identity: cam('peer-aaaa'), track: asTrack(new FakeTrack('video')) }]);
    await until(() => p.b.incoming.size === 1, { what: "the offerer's track named" });
    p.b.setOutgoing([{ identity: cam('peer-bbbb'), track: asTrack(new FakeTrack('video')) }]);
    await until(
      () =>
        p.a.incoming.size === 1 &&
        p.pcA.signalingState === 'stable' &&
        p.pcB.signalingState === 'stable',
      { what: "the non-offerer's offer answered" },
    );
    const vp8 = [{ mimeType: 'video/VP8', clockRate: 90000 }];
    for (const pc of [p.pcA, p.pcB]) {
      expect(pc.transceivers).toHaveLength(2);
      for (const t of pc.transceivers) expect(t.codecPreferences).toEqual(vp8);
    }
  });

  it('[M6] an ICE restart rides on an offer with new credentials, not on the connection', async () => {
    const p = linkPair();
    await p.connected();
    const before = descriptions(p.sent, 'a').length;
    p.a.handleSignal({ type: 'ice-restart' });
    await until(() => descriptions(p.sent, 'a').length > before, { what: 'a restart offer' });
    expect(p.pcA.log).toContain('createOffer iceRestart');
    expect(p.pcA.log).not.toContain('restartIce');
  });

  it('[M24] a refused offer fails the link life, coded, instead of leaving it silent', async () => {
    const p = linkPair();
    await p.connected();
    const original = p.pcB.setRemoteDescription.bind(p.pcB);
    p.pcB.setRemoteDescription = async (d) => {
      if (d.type === 'offer') throw new Error('OperationError: Failed to parse codecs correctly.');
      return original(d);
    };
    p.a.setOutgoing([{ identity: cam('peer-aaaa'), track: asTrack(new FakeTrack('video')) }]);
    await until(() => p.b.status === 'failed', { what: 'the refusing end failed' });
    expect(p.errors.map((e) => e.code)).toContain('ERR_NEGOTIATION_FAILED');
    expect(p.errors.find((e) => e.code === 'ERR_NEGOTIATION_FAILED')?.message).toMatch(
      /offer was refused.*parse codecs/,
    );
  });

  it('[M24] a refused answer is rolled back and offered again once; the link then settles', async () => {
    const p = linkPair();
    await p.connected();
    const original = p.pcA.setRemoteDescription.bind(p.pcA);
    let refused = 0;
    p.pcA.setRemoteDescription = async (d) => {
      if (d.type === 'answer' && refused === 0) {
        refused += 1;
        throw new Error('OperationError: refused once');
      }
      return original(d);
    };
    p.a.setOutgoing([{ identity: cam('peer-aaaa'), track: asTrack(new FakeTrack('video')) }]);
    await until(() => p.b.incoming.size === 1 && p.pcA.signalingState === 'stable', {
      what: 'the second offer answered',
    });
    expect(refused).toBe(1);
    expect(p.pcA.log).toContain('rollback');
    expect(p.a.status).toBe('connected');
    expect(p.errors.map((e) => e.code)).toEqual(['ERR_NEGOTIATION_FAILED']);
  });
});
