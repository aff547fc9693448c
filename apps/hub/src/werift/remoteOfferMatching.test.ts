// Two werift peer connections, descriptions exchanged by hand (no media flows).
import { afterEach, describe, expect, it } from 'vitest';
import { weriftPeerConnections } from './peerConnections';

const create = weriftPeerConnections({ hostAddresses: ['127.0.0.1'] });
const open: RTCPeerConnection[] = [];
const pc = () => {
  const made = create({ iceServers: [] });
  open.push(made);
  return made;
};
afterEach(() => {
  for (const p of open.splice(0)) p.close();
});

/** The direction attribute of the m-line with `mid` in `sdp`. */
function direction(sdp: string, mid: string): string | undefined {
  const section = sdp.split(/\r?\nm=/).find((m) => m.includes(`a=mid:${mid}\r`));
  return section?.match(/a=(sendrecv|sendonly|recvonly|inactive)/)?.[1];
}

describe('werift remote offer matching', () => {
  it("a remote offer's new m-line gets a receiving transceiver, not the hub's own unoffered sendonly one", async () => {
    const hub = pc();
    const peer = pc();
    // The hub means to relay a track: its sendonly transceiver has no mid until it offers.
    const relay = hub.addTransceiver('video', { direction: 'sendonly' });
    // The peer's offer of its own camera arrives first.
    peer.addTransceiver('video', { direction: 'sendonly' });
    await peer.setLocalDescription(await peer.createOffer());
    const offer = peer.localDescription as RTCSessionDescription;
    const mid = offer.sdp.match(/a=mid:(\S+)/)?.[1] ?? '';
    await hub.setRemoteDescription(offer);
    await hub.setLocalDescription(await hub.createAnswer());
    const answer = hub.localDescription as RTCSessionDescription;
    // Paired with the relay transceiver, two sendonly ends made it inactive: the camera was lost.
    expect(direction(answer.sdp, mid)).toBe('recvonly');
    expect(relay.mid).toBeNull();
    const receiving = hub.getTransceivers().find((t) => t.mid === mid);
    expect(receiving).toBeDefined();
    expect(receiving).not.toBe(relay);
  });
});
