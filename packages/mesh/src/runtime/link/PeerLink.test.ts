import { until } from '@meshwork/kit';
import { describe, expect, it, vi } from 'vitest';
import { summarizeStats } from '../stats';
import { linkPair, settle } from '../testing/linkPair';
import type { LinkStatus } from '../types';
import {
  CONNECT_TIMEOUT_MS,
  DISCONNECTED_GRACE_MS,
  ICE_RESTART_BACKOFF_MS,
  ICE_RESTART_TIMEOUT_MS,
  PING_INTERVAL_MS,
} from './PeerLink';
import { LINK_SILENCE_MS } from './SilenceWatch';

describe('PeerLink', () => {
  it('[M6] a failed link restarts ICE with backoff (offerer) and recovers', async () => {
    const p = linkPair();
    await p.connected();
    const statuses: LinkStatus[] = [];
    p.a.on('statusChanged', (s) => statuses.push(s));
    const ufrag = p.pcA.ufrag;
    p.pcA.breakTransport('failed');
    expect(p.a.status).toBe('restarting');
    p.clock.advance((ICE_RESTART_BACKOFF_MS[0] ?? 0) - 1);
    // Asserts that nothing restarts before the backoff: no state to wait for.
    await settle();
    expect(p.pcA.ufrag).toBe(ufrag);
    p.clock.advance(1);
    await until(() => p.a.status === 'connected', { what: 'the offerer reconnected' });
    expect(p.pcA.ufrag).not.toBe(ufrag);
    expect(statuses).toEqual(['restarting', 'connected']);
    expect(p.errors).toEqual([]);
  });

  it('[M6] the non-offerer asks for the restart with an ice-restart signal', async () => {
    const p = linkPair();
    await p.connected();
    p.pcB.breakTransport('failed');
    p.clock.advance(ICE_RESTART_BACKOFF_MS[0] ?? 0);
    await until(() => p.b.status === 'connected', { what: 'the non-offerer reconnected' });
    expect(p.sent.some((m) => m.from === 'b' && m.signal.type === 'ice-restart')).toBe(true);
    expect(p.b.status).toBe('connected');
  });

  it('[M6] disconnected past the grace period starts restarting', async () => {
    const p = linkPair();
    await p.connected();
    p.pcA.breakTransport('disconnected');
    // [M23] down at once, before any restart.
    expect(p.a.status).toBe('disconnected');
    p.clock.advance(DISCONNECTED_GRACE_MS - 1);
    expect(p.a.status).toBe('disconnected');
    p.clock.advance(1);
    expect(p.a.status).toBe('restarting');
  });

  it('[M23] a control channel silent for LINK_SILENCE_MS makes the link disconnected; the next message brings it back', async () => {
    const p = linkPair();
    await p.connected();
    p.network.blocked = true;
    p.clock.advance(LINK_SILENCE_MS - 1);
    expect(p.a.status).toBe('connected');
    p.clock.advance(1);
    expect(p.a.status).toBe('disconnected');
    expect(p.b.status).toBe('disconnected');
    p.network.blocked = false;
    p.clock.advance(PING_INTERVAL_MS);
    await vi.waitFor(() => expect([p.a.status, p.b.status]).toEqual(['connected', 'connected']));
  });

  it('[M6] after the bounded attempts the link is failed and ERR_ICE_FAILED is emitted', async () => {
    const p = linkPair();
    await p.connected();
    p.network.blocked = true;
    p.pcA.breakTransport('failed');
    for (const backoff of ICE_RESTART_BACKOFF_MS) {
      expect(p.a.status).toBe('restarting');
      const ufrag = p.pcA.ufrag;
      p.clock.advance(backoff);
      await until(() => p.pcA.ufrag !== ufrag && p.pcA.signalingState === 'stable', {
        what: 'the restart offer answered',
      });
      p.clock.advance(ICE_RESTART_TIMEOUT_MS);
    }
    expect(p.a.status).toBe('failed');
    // The far end's channel went silent too ([M23]), so its own recovery ran out as well.
    const failedOnce = p.errors.map((e) => e.code);
    expect(failedOnce).toContain('ERR_ICE_FAILED');
    expect(new Set(failedOnce)).toEqual(new Set(['ERR_ICE_FAILED']));
    // Failed is final: a later restart request (the far end's, or the connection dropping
    // again) changes nothing.
    const statuses: LinkStatus[] = [];
    const later: string[] = [];
    p.a.on('statusChanged', (s) => statuses.push(s));
    p.a.on('errorRaised', (e) => later.push(e.code));
    p.a.handleSignal({ type: 'ice-restart' });
    p.pcA.breakTransport('disconnected');
    p.clock.advance(ICE_RESTART_TIMEOUT_MS * 4);
    // Asserts that nothing changes: no state to wait for.
    await settle();
    expect(p.a.status).toBe('failed');
    expect(statuses).toEqual([]);
    expect(later).toEqual([]);
  });

  it('[M6] a link that never connects starts restarting after CONNECT_TIMEOUT_MS', async () => {
    const p = linkPair();
    p.network.blocked = true;
    await until(() => p.a.status === 'connecting' && p.pcB.remoteDescription !== null, {
      what: 'the offer delivered on a blocked network',
    });
    expect(p.a.status).toBe('connecting');
    p.clock.advance(CONNECT_TIMEOUT_MS - 1);
    expect(p.a.status).toBe('connecting');
    p.clock.advance(1);
    expect(p.a.status).toBe('restarting');
  });

  it('[M8] close during negotiation: no error, late signals ignored, every timer cleared', async () => {
    const p = linkPair();
    p.hold();
    await until(() => p.held.some((m) => m.from === 'a' && m.signal.type === 'candidate'), {
      what: "the offerer's offer and candidates held",
    });
    p.a.close();
    p.release();
    await until(() => p.sent.some((m) => m.from === 'b' && m.signal.type === 'description'), {
      what: 'the answer to the held offer',
    });
    // Asserts that the late answer raises nothing: no state to wait for.
    await settle();
    expect(p.a.status).toBe('closed');
    expect(p.errors).toEqual([]);
    expect(p.pcA.connectionState).toBe('closed');
    p.b.close();
    expect(p.clock.pending).toBe(0);
  });

  it('[M8] close is idempotent and closes the channel before the connection', async () => {
    const p = linkPair();
    await p.connected();
    const statuses: LinkStatus[] = [];
    p.a.on('statusChanged', (s) => statuses.push(s));
    p.a.close();
    p.a.close();
    expect(statuses).toEqual(['closed']);
    expect(p.pcA.log.filter((l) => l !== 'rollback')).toEqual(['channel.close', 'pc.close']);
  });

  it('[M8] close removes the listeners the link added to its connection and channel', async () => {
    const p = linkPair();
    await p.connected();
    p.a.close();
    for (const type of ['negotiationneeded', 'icecandidate', 'connectionstatechange']) {
      expect(p.pcA.listenerCount(type), type).toBe(0);
    }
    for (const type of ['open', 'message', 'close', 'bufferedamountlow']) {
      expect(p.pcA.channels[0]?.listenerCount(type), type).toBe(0);
    }
  });

  it('[M7] pings measure RTT; a malformed message is reported, not delivered', async () => {
    const p = linkPair();
    await until(() => p.a.rttMs !== null, { what: 'the first pong' });
    expect(p.a.rttMs).not.toBeNull();
    const delivered: unknown[] = [];
    p.b.on('messageReceived', (m) => delivered.push(m));
    p.pcA.channels[0]?.send('{"t":"chat","origin":"x","seq":-1}');
    p.pcA.channels[0]?.send('not json');
    await until(() => p.errors.length === 2, { what: 'both messages refused' });
    expect(delivered).toEqual([]);
    expect(p.errors.map((e) => e.code)).toEqual(['ERR_BAD_PEER_MESSAGE', 'ERR_BAD_PEER_MESSAGE']);
  });

  it('[M1] an ice-restart signal sent to the non-offerer is a coded error', async () => {
    const p = linkPair();
    await p.connected();
    p.b.handleSignal({ type: 'ice-restart' });
    expect(p.errors.map((e) => e.code)).toEqual(['ERR_BAD_SIGNAL']);
  });

  it('statsReport() is the raw report: its selected candidate pair gives RTT and type', async () => {
    const p = linkPair();
    await p.connected();
    const stats = summarizeStats(await p.a.statsReport(), null, p.clock.now());
    expect({ peer: p.a.peer, status: p.a.status, ...stats }).toMatchObject({
      peer: 'peer-bbbb',
      status: 'connected',
      rttMs: 4,
    });
    expect(stats.candidateType).toBe('host');
  });

  it('statsReport() rejects with ERR_CLOSED once the link is closed', async () => {
    const p = linkPair();
    await p.connected();
    p.a.close();
    await expect(p.a.statsReport()).rejects.toMatchObject({ code: 'ERR_CLOSED' });
  });
});
