import { until } from '@meshwork/kit';
import type { Signal } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { FakeNetwork, fakeFactory } from '../testing/FakePeerConnection';
import { FakeTrack } from '../testing/FakeTrack';
import { linkPair, settle } from '../testing/linkPair';
import { SendSlots } from './SendSlots';

const cam = (origin: string) => ({ origin, key: 'cam', kind: 'video' as const });
const asTrack = (t: FakeTrack) => t as unknown as MediaStreamTrack;

function descriptions(sent: Array<{ from: string; signal: Signal }>, from: 'a' | 'b') {
  return sent.filter((m) => m.from === from && m.signal.type === 'description');
}

/** A connected pair where `a` sends `identity` and `b` has named it, both ends stable. */
async function sending(origin: string) {
  const p = linkPair();
  await p.connected();
  p.a.setOutgoing([{ identity: cam(origin), track: asTrack(new FakeTrack('video')) }]);
  await until(
    () =>
      p.b.incoming.has(`${origin}/cam/video`) &&
      p.pcA.signalingState === 'stable' &&
      p.pcB.signalingState === 'stable',
    { what: `${origin}'s track named at the far end` },
  );
  return p;
}

describe('SendSlots (two links over fake connections)', () => {
  it('[M5] tracks are named by mid through the manifest; a released transceiver is reused and re-announced', async () => {
    // Relayed tracks (origins other than peer-aaaa) on a relay's transceivers.
    const p = await sending('peer-cccc');
    const first = p.b.incoming.get('peer-cccc/cam/video');
    expect(first?.identity).toEqual(cam('peer-cccc'));
    // The slot goes idle and the far end answers the offer that says so: it is released.
    p.a.setOutgoing([]);
    await until(() => p.b.incoming.size === 0, { what: 'the identity unnamed at the far end' });
    await until(() => p.pcA.signalingState === 'stable', { what: 'the answer applied' });
    const offersBefore = descriptions(p.sent, 'a').length;
    p.a.setOutgoing([{ identity: cam('peer-dddd'), track: asTrack(new FakeTrack('video')) }]);
    await until(() => p.b.incoming.has('peer-dddd/cam/video'), { what: 'the new identity named' });
    expect(p.pcA.transceivers.filter((t) => t.direction === 'sendonly')).toHaveLength(1);
    expect(descriptions(p.sent, 'a').length).toBeGreaterThan(offersBefore);
    expect([...p.b.incoming.keys()]).toEqual(['peer-dddd/cam/video']);
    expect(p.b.incoming.get('peer-dddd/cam/video')?.mid).toBe(first?.mid);
  });

  it('[M5] a released transceiver that sent own tracks is never reused for a relayed one, nor the other way round', async () => {
    // peer-aaaa sends its own camera, then only relays: the relay gets a transceiver of its own.
    const p = await sending('peer-aaaa');
    const own = p.b.incoming.get('peer-aaaa/cam/video');
    p.a.setOutgoing([]);
    await until(() => p.b.incoming.size === 0, { what: 'the own track unnamed at the far end' });
    await until(() => p.pcA.signalingState === 'stable', { what: 'the answer applied' });
    const relayed = new FakeTrack('video');
    p.a.setOutgoing([{ identity: cam('peer-cccc'), track: asTrack(relayed) }]);
    await until(() => p.b.incoming.has('peer-cccc/cam/video'), { what: 'the relayed track named' });
    const relaySlot = p.pcA.transceivers.find((t) => t.sender.track === (relayed as unknown));
    expect(relaySlot?.mid).not.toBe(own?.mid);
    expect(p.b.incoming.get('peer-cccc/cam/video')?.mid).not.toBe(own?.mid);
    // The relay goes idle, and the own camera comes back: on its own transceiver again.
    p.a.setOutgoing([]);
    await until(() => p.b.incoming.size === 0, { what: 'the relay unnamed at the far end' });
    await until(() => p.pcA.signalingState === 'stable', { what: 'the answer applied' });
    const camera = new FakeTrack('video');
    p.a.setOutgoing([{ identity: cam('peer-aaaa'), track: asTrack(camera) }]);
    await until(() => p.b.incoming.has('peer-aaaa/cam/video'), { what: 'the own track named' });
    const ownSlot = p.pcA.transceivers.find((t) => t.sender.track === (camera as unknown));
    expect(ownSlot?.mid).toBe(own?.mid);
    expect(p.pcA.transceivers).toHaveLength(2);
    expect(p.errors).toEqual([]);
  });

  it('[M5] a slot the far end may still map to its old identity is not reused: one origin never shows as another', async () => {
    const p = await sending('peer-aaaa');
    const first = p.b.incoming.get('peer-aaaa/cam/video');
    const next = new FakeTrack('video');
    // One step: the old identity goes and a new one comes. Reusing the mid would put the new
    // track under the old name at the far end until the new manifest arrives.
    p.a.setOutgoing([{ identity: cam('peer-cccc'), track: asTrack(next) }]);
    await until(() => p.b.incoming.has('peer-cccc/cam/video'), { what: 'the new identity named' });
    const carrying = p.pcA.transceivers.find((t) => t.sender.track === (next as unknown));
    expect(carrying?.mid).not.toBe(first?.mid);
    expect(p.b.incoming.get('peer-cccc/cam/video')?.mid).not.toBe(first?.mid);
  });

  it('[M5] replaceTrack for an identity already sent, without renegotiation', async () => {
    const p = await sending('peer-cccc');
    const offers = descriptions(p.sent, 'a').length;
    const next = new FakeTrack('video');
    p.a.setOutgoing([{ identity: cam('peer-cccc'), track: asTrack(next) }]);
    await until(() => p.pcA.transceivers[0]?.sender.track === next, { what: 'the track replaced' });
    // Asserts that no offer follows: no state to wait for.
    await settle();
    expect(p.pcA.transceivers[0]?.sender.track).toBe(next);
    expect(descriptions(p.sent, 'a').length).toBe(offers);
  });

  it('[M5] an identity no longer wanted is silenced and its transceiver kept for reuse', async () => {
    const p = await sending('peer-aaaa');
    p.a.setOutgoing([]);
    await until(() => p.b.incoming.size === 0, { what: 'the identity unnamed at the far end' });
    expect(p.pcA.transceivers).toHaveLength(1);
    expect(p.pcA.transceivers[0]?.sender.track).toBeNull();
  });

  it('[M5] a track leaves its slot when wished away, before the queued sync runs', async () => {
    const pc = fakeFactory(new FakeNetwork())({ iceServers: [] }) as unknown as RTCPeerConnection;
    const slots = new SendSlots(pc, 'peer-bbbb');
    const relayed = asTrack(new FakeTrack('video'));
    const next = asTrack(new FakeTrack('video'));
    expect(slots.want([{ identity: cam('peer-aaaa'), track: relayed }])).toBe(true);
    await slots.sync();
    const [slot] = pc.getTransceivers();
    expect(slot?.sender.track).toBe(relayed);
    // The link the relayed track came on stopped naming it: its far end may reuse that
    // transceiver for another origin. The negotiation queue may be busy; the track goes now.
    expect(slots.want([{ identity: cam('peer-cccc'), track: next }])).toBe(true);
    await until(() => slot?.sender.track === null, {
      what: 'the old slot silenced without a sync',
    });
    // A new track for the same identity is swapped in at once too.
    await slots.sync();
    const carrying = pc.getTransceivers().find((t) => t.sender.track === next);
    const other = asTrack(new FakeTrack('video'));
    slots.want([{ identity: cam('peer-cccc'), track: other }]);
    await until(() => carrying?.sender.track === other, { what: 'the new track swapped in' });
  });

  it('[M2] a transceiver added while an offer of ours is out is offered after the answer, though the connection asks only once', async () => {
    const p = await sending('peer-aaaa');
    p.hold();
    // An offer goes out (a new video); before its answer comes back, another video is added.
    p.a.setOutgoing([
      { identity: cam('peer-aaaa'), track: asTrack(new FakeTrack('video')) },
      { identity: cam('peer-cccc'), track: asTrack(new FakeTrack('video')) },
    ]);
    await until(() => p.pcA.signalingState === 'have-local-offer', { what: 'an offer out' });
    p.a.setOutgoing([
      { identity: cam('peer-aaaa'), track: asTrack(new FakeTrack('video')) },
      { identity: cam('peer-cccc'), track: asTrack(new FakeTrack('video')) },
      { identity: cam('peer-dddd'), track: asTrack(new FakeTrack('video')) },
    ]);
    p.release();
    await until(() => p.b.incoming.size === 3, { what: 'all three named at the far end' });
    expect(p.errors).toEqual([]);
  });
});
