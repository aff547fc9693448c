import type { Signal } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import {
  CONNECT_TIMEOUT_MS,
  DECODE_POLL_INTERVAL_MS,
  DISCONNECTED_GRACE_MS,
  ICE_RESTART_BACKOFF_MS,
  ICE_RESTART_TIMEOUT_MS,
} from './PeerLink';
import { FakeTrack } from './testing/FakePeerConnection';
import { linkPair, settle } from './testing/linkPair';
import type { LinkStatus } from './types';

const cam = (origin: string, kind: 'audio' | 'video' = 'video') => ({ origin, key: 'cam', kind });
const asTrack = (t: FakeTrack) => t as unknown as MediaStreamTrack;

function descriptions(sent: Array<{ from: string; signal: Signal }>, from: 'a' | 'b') {
  return sent.filter((m) => m.from === from && m.signal.type === 'description');
}

describe('PeerLink', () => {
  it('[M2] the offerer speaks first and both ends connect with the control channel open', async () => {
    const p = linkPair();
    const opened: string[] = [];
    p.a.on('channelOpened', () => opened.push('a'));
    p.b.on('channelOpened', () => opened.push('b'));
    await settle();
    expect(p.a.status).toBe('connected');
    expect(p.b.status).toBe('connected');
    expect(opened.sort()).toEqual(['a', 'b']);
    expect(p.sent[0]?.from).toBe('a');
    expect(p.errors).toEqual([]);
  });

  it('[M2] works where setLocalDescription() needs an argument (wrtc)', async () => {
    const p = linkPair({ implicitDescription: false });
    await settle();
    expect([p.a.status, p.b.status]).toEqual(['connected', 'connected']);
    expect(p.errors).toEqual([]);
  });

  it('[M2][M4] glare: both offer at once; the impolite side ignores, the polite rolls back', async () => {
    const p = linkPair();
    await settle();
    p.hold();
    p.a.setOutgoing([{ identity: cam('peer-aaaa'), track: asTrack(new FakeTrack('video')) }]);
    p.b.setOutgoing([{ identity: cam('peer-bbbb'), track: asTrack(new FakeTrack('video')) }]);
    await settle();
    expect(p.pcA.signalingState).toBe('have-local-offer');
    expect(p.pcB.signalingState).toBe('have-local-offer');
    p.release();
    await settle();
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
    await settle();
    // Deliver the offerer's candidates ahead of its offer.
    p.release((held) => [
      ...held.filter((m) => m.signal.type === 'candidate'),
      ...held.filter((m) => m.signal.type !== 'candidate'),
    ]);
    await settle();
    expect([p.a.status, p.b.status]).toEqual(['connected', 'connected']);
    expect(p.errors).toEqual([]);
  });

  it('[M5] tracks are named by mid through the manifest; a reused transceiver re-announces', async () => {
    const p = linkPair();
    await settle();
    const video = asTrack(new FakeTrack('video'));
    p.a.setOutgoing([{ identity: cam('peer-aaaa'), track: video }]);
    await settle();
    const first = p.b.incoming.get('peer-aaaa/cam/video');
    expect(first?.identity).toEqual(cam('peer-aaaa'));
    const offersBefore = descriptions(p.sent, 'a').length;
    // The slot goes idle, then carries another origin's track: same mid, new identity.
    p.a.setOutgoing([{ identity: cam('peer-cccc'), track: asTrack(new FakeTrack('video')) }]);
    await settle();
    expect(p.pcA.transceivers.filter((t) => t.direction === 'sendonly')).toHaveLength(1);
    expect(descriptions(p.sent, 'a').length).toBeGreaterThan(offersBefore);
    expect([...p.b.incoming.keys()]).toEqual(['peer-cccc/cam/video']);
    expect(p.b.incoming.get('peer-cccc/cam/video')?.mid).toBe(first?.mid);
  });

  it('[M10] an incoming track counts as decoded only once media decodes on it for its identity', async () => {
    const p = linkPair();
    await settle();
    const stuck = new FakeTrack('video');
    p.network.undecodable.add(stuck);
    p.a.setOutgoing([{ identity: cam('peer-aaaa'), track: asTrack(stuck) }]);
    await settle();
    expect(p.b.incoming.get('peer-aaaa/cam/video')?.decoded).toBe(false);
    p.network.undecodable.clear();
    p.clock.advance(DECODE_POLL_INTERVAL_MS);
    await settle();
    expect(p.b.incoming.get('peer-aaaa/cam/video')?.decoded).toBe(true);
    // The same mid now carries another identity: the media counted before does not count.
    const next = new FakeTrack('video');
    p.network.undecodable.add(next);
    p.a.setOutgoing([{ identity: cam('peer-cccc'), track: asTrack(next) }]);
    await settle();
    p.clock.advance(DECODE_POLL_INTERVAL_MS);
    await settle();
    expect(p.b.incoming.get('peer-cccc/cam/video')?.mid).toBe(p.pcA.transceivers[0]?.mid);
    expect(p.b.incoming.get('peer-cccc/cam/video')?.decoded).toBe(false);
    p.network.undecodable.clear();
    p.clock.advance(DECODE_POLL_INTERVAL_MS);
    await settle();
    expect(p.b.incoming.get('peer-cccc/cam/video')?.decoded).toBe(true);
    // Nothing waits any more, so nothing polls.
    p.a.close();
    p.b.close();
    expect(p.clock.pending).toBe(0);
  });

  it('[M5] every m-line carries the codecs this end can both send and receive, either end offering', async () => {
    const p = linkPair();
    await settle();
    p.a.setOutgoing([{ identity: cam('peer-aaaa'), track: asTrack(new FakeTrack('video')) }]);
    await settle();
    p.b.setOutgoing([{ identity: cam('peer-bbbb'), track: asTrack(new FakeTrack('video')) }]);
    await settle();
    const vp8 = [{ mimeType: 'video/VP8', clockRate: 90000 }];
    for (const pc of [p.pcA, p.pcB]) {
      expect(pc.transceivers).toHaveLength(2);
      for (const t of pc.transceivers) expect(t.codecPreferences).toEqual(vp8);
    }
  });

  it('[M5] replaceTrack for an identity already sent, without renegotiation', async () => {
    const p = linkPair();
    await settle();
    p.a.setOutgoing([{ identity: cam('peer-cccc'), track: asTrack(new FakeTrack('video')) }]);
    await settle();
    const offers = descriptions(p.sent, 'a').length;
    const next = new FakeTrack('video');
    p.a.setOutgoing([{ identity: cam('peer-cccc'), track: asTrack(next) }]);
    await settle();
    expect(p.pcA.transceivers[0]?.sender.track).toBe(next);
    expect(descriptions(p.sent, 'a').length).toBe(offers);
  });

  it('[M6] a failed link restarts ICE with backoff (offerer) and recovers', async () => {
    const p = linkPair();
    await settle();
    const statuses: LinkStatus[] = [];
    p.a.on('statusChanged', (s) => statuses.push(s));
    const ufrag = p.pcA.ufrag;
    p.pcA.breakTransport('failed');
    expect(p.a.status).toBe('restarting');
    p.clock.advance((ICE_RESTART_BACKOFF_MS[0] ?? 0) - 1);
    await settle();
    expect(p.pcA.ufrag).toBe(ufrag);
    p.clock.advance(1);
    await settle();
    expect(p.pcA.ufrag).not.toBe(ufrag);
    expect(statuses).toEqual(['restarting', 'connected']);
    expect(p.errors).toEqual([]);
  });

  it('[M6] the non-offerer asks for the restart with an ice-restart signal', async () => {
    const p = linkPair();
    await settle();
    p.pcB.breakTransport('failed');
    p.clock.advance(ICE_RESTART_BACKOFF_MS[0] ?? 0);
    await settle();
    expect(p.sent.some((m) => m.from === 'b' && m.signal.type === 'ice-restart')).toBe(true);
    expect(p.b.status).toBe('connected');
  });

  it('[M6] disconnected past the grace period counts as failed', async () => {
    const p = linkPair();
    await settle();
    p.pcA.breakTransport('disconnected');
    expect(p.a.status).toBe('connected');
    p.clock.advance(DISCONNECTED_GRACE_MS);
    expect(p.a.status).toBe('restarting');
  });

  it('[M6] after the bounded attempts the link is failed and ERR_ICE_FAILED is emitted', async () => {
    const p = linkPair();
    await settle();
    p.network.blocked = true;
    p.pcA.breakTransport('failed');
    for (const backoff of ICE_RESTART_BACKOFF_MS) {
      expect(p.a.status).toBe('restarting');
      p.clock.advance(backoff);
      await settle();
      p.clock.advance(ICE_RESTART_TIMEOUT_MS);
      await settle();
    }
    expect(p.a.status).toBe('failed');
    expect(p.errors.map((e) => e.code)).toEqual(['ERR_ICE_FAILED']);
    // Failed is final: a later restart request changes nothing.
    p.clock.advance(ICE_RESTART_TIMEOUT_MS * 4);
    expect(p.a.status).toBe('failed');
  });

  it('[M6] a link that never connects starts restarting after CONNECT_TIMEOUT_MS', async () => {
    const p = linkPair();
    p.network.blocked = true;
    await settle();
    expect(p.a.status).toBe('connecting');
    p.clock.advance(CONNECT_TIMEOUT_MS);
    expect(p.a.status).toBe('restarting');
  });

  it('[M8] close during negotiation: no error, late signals ignored, every timer cleared', async () => {
    const p = linkPair();
    p.hold();
    await settle();
    p.a.close();
    p.release();
    await settle();
    expect(p.a.status).toBe('closed');
    expect(p.errors).toEqual([]);
    expect(p.pcA.connectionState).toBe('closed');
    p.b.close();
    expect(p.clock.pending).toBe(0);
  });

  it('[M8] close is idempotent and closes the channel before the connection', async () => {
    const p = linkPair();
    await settle();
    const statuses: LinkStatus[] = [];
    p.a.on('statusChanged', (s) => statuses.push(s));
    p.a.close();
    p.a.close();
    expect(statuses).toEqual(['closed']);
    expect(p.pcA.log.filter((l) => l !== 'rollback')).toEqual(['channel.close', 'pc.close']);
  });

  it('[M7] pings measure RTT; a malformed message is reported, not delivered', async () => {
    const p = linkPair();
    await settle();
    expect(p.a.rttMs).not.toBeNull();
    const delivered: unknown[] = [];
    p.b.on('messageReceived', (m) => delivered.push(m));
    p.pcA.channels[0]?.send('{"t":"chat","origin":"x","seq":-1}');
    p.pcA.channels[0]?.send('not json');
    await settle();
    expect(delivered).toEqual([]);
    expect(p.errors.map((e) => e.code)).toEqual(['ERR_BAD_PEER_MESSAGE', 'ERR_BAD_PEER_MESSAGE']);
  });

  it('[M1] an ice-restart signal sent to the non-offerer is a coded error', async () => {
    const p = linkPair();
    await settle();
    p.b.handleSignal({ type: 'ice-restart' });
    expect(p.errors.map((e) => e.code)).toEqual(['ERR_BAD_SIGNAL']);
  });

  it('reports stats from the selected candidate pair', async () => {
    const p = linkPair();
    await settle();
    const stats = await p.a.getStats();
    expect(stats).toMatchObject({ peer: 'peer-bbbb', status: 'connected', rttMs: 4 });
    expect(stats.candidateType).toBe('host');
  });
});
