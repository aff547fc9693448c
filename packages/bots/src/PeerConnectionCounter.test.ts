import { describe, expect, it } from 'vitest';
import { PeerConnectionCounter } from './PeerConnectionCounter';

/** Just enough of a peer connection: `close()` moves it to the closed signaling state. */
class FakePeerConnection {
  signalingState: RTCSignalingState = 'stable';
  readonly config: RTCConfiguration;
  constructor(config: RTCConfiguration) {
    this.config = config;
  }
  close(): void {
    this.signalingState = 'closed';
  }
}

describe('PeerConnectionCounter', () => {
  it('counts the peer connections made through it, and those closed since', () => {
    const counter = new PeerConnectionCounter(
      (config) => new FakePeerConnection(config) as unknown as RTCPeerConnection,
    );
    const config: RTCConfiguration = { iceServers: [] };
    const a = counter.create(config);
    const b = counter.create(config);
    expect((a as unknown as FakePeerConnection).config).toBe(config);
    expect([counter.created, counter.open, counter.closed]).toEqual([2, 2, 0]);
    a.close();
    a.close();
    expect([counter.created, counter.open, counter.closed]).toEqual([2, 1, 1]);
    counter.create(config);
    b.close();
    expect([counter.created, counter.open, counter.closed]).toEqual([3, 1, 2]);
  });

  it("hands back the wrapped factory's own peer connection, unpatched", () => {
    const pc = new FakePeerConnection({});
    const close = pc.close;
    const counter = new PeerConnectionCounter(() => pc as unknown as RTCPeerConnection);
    expect(counter.create({})).toBe(pc);
    expect(pc.close).toBe(close);
  });
});
