import { FakeClock, noopLogger, until } from '@meshwork/kit';
import type { PeerId, PeerMessage, PeerPlan, Topology } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { computeRoomPlan } from '../../plan';
import { MeshRuntimeError } from '../errors';
import { settle } from '../testing/linkPair';
import type { MeshEvents } from '../types';
import { sha256Hex } from './bytes';
import { DataPlane, FILE_STALL_TIMEOUT_MS } from './DataPlane';

const IDS = ['peer-aaaa', 'peer-bbbb', 'peer-cccc', 'peer-dddd'];

function plansFor(topology: Topology, version: number): ReadonlyMap<PeerId, PeerPlan> {
  const peers = IDS.map((id, i) => ({ id, joinedAt: i, capacity: {} }));
  return computeRoomPlan(
    { topology, peers, hubPreference: null, failedLinks: new Set() },
    version,
    new Map(),
  ).peers;
}

/** Data planes wired by their plans' forward tables; `tamper` may rewrite a message in flight. */
function room(
  topologies: Topology[],
  tamper: (from: PeerId, to: PeerId, m: PeerMessage) => PeerMessage = (_f, _t, m) => m,
) {
  const clock = new FakeClock();
  const plans = topologies.map((t, i) => plansFor(t, i + 1));
  const planes = new Map<PeerId, DataPlane>();
  const events = new Map<PeerId, Array<{ event: keyof MeshEvents; payload: unknown }>>();
  const wire: Array<{ from: PeerId; to: PeerId; t: string }> = [];
  for (const self of IDS) {
    events.set(self, []);
    planes.set(
      self,
      new DataPlane({
        self,
        clock,
        logger: noopLogger,
        nextHops: (origin, from) => {
          const hops = new Set<PeerId>();
          for (const p of plans) {
            for (const f of p.get(self)?.forward ?? []) {
              if (f.origin === origin && f.to !== from && f.to !== origin) hops.add(f.to);
            }
          }
          return [...hops];
        },
        send: async (to, message) => {
          wire.push({ from: self, to, t: message.t });
          const delivered = tamper(self, to, message);
          queueMicrotask(() => planes.get(to)?.handle(self, delivered));
          return true;
        },
        emit: (event, payload) => events.get(self)?.push({ event, payload }),
      }),
    );
  }
  const of = (peer: PeerId, event: keyof MeshEvents) =>
    (events.get(peer) ?? []).filter((e) => e.event === event).map((e) => e.payload);
  const plane = (peer: PeerId) => {
    const p = planes.get(peer);
    if (p === undefined) throw new Error(peer);
    return p;
  };
  return { clock, plane, of, wire };
}

describe('DataPlane', () => {
  it('[M14] star: a leaf chat reaches every peer exactly once through the hub', async () => {
    const r = room(['star']);
    const sent = r.plane('peer-dddd').sendChat('hi');
    await settle();
    expect(sent.id).toBe('peer-dddd:0');
    for (const peer of IDS.filter((p) => p !== 'peer-dddd')) {
      expect(r.of(peer, 'chatReceived')).toEqual([
        { id: 'peer-dddd:0', origin: 'peer-dddd', text: 'hi', sentAt: 0 },
      ]);
    }
    // The leaf sends once, to the hub; the hub relays to the two other leaves.
    expect(r.wire.filter((w) => w.from === 'peer-dddd')).toHaveLength(1);
    expect(r.wire).toHaveLength(3);
  });

  it('[M14] overlapping plans (a switch) deliver duplicates once', async () => {
    const r = room(['ring', 'star', 'mesh']);
    r.plane('peer-bbbb').sendChat('one');
    r.plane('peer-cccc').sendChat('two');
    await settle();
    for (const peer of IDS) {
      const texts = r.of(peer, 'chatReceived').map((m) => (m as { text: string }).text);
      expect(texts.sort()).toEqual(
        peer === 'peer-bbbb' ? ['two'] : peer === 'peer-cccc' ? ['one'] : ['one', 'two'],
      );
    }
    expect(r.wire.length).toBeGreaterThan(6);
  });

  it('[M15] a file reaches every peer in a ring with its SHA-256, with progress', async () => {
    const r = room(['ring']);
    const data = new Uint8Array(40_000).map((_, i) => (i * 7) & 0xff);
    const { transferId } = await r
      .plane('peer-aaaa')
      .sendFile({ name: 'a.bin', mimeType: 'application/octet-stream', data });
    await until(() => IDS.slice(1).every((p) => r.of(p, 'fileReceived').length > 0), {
      what: 'files',
    });
    const sha = await sha256Hex(data);
    for (const peer of IDS.slice(1)) {
      const files = r.of(peer, 'fileReceived') as Array<{ sha256: string; data: Uint8Array }>;
      expect(files).toHaveLength(1);
      expect(files[0]?.sha256).toBe(sha);
      expect(files[0]?.data).toEqual(data);
      const progress = r.of(peer, 'fileProgressed') as Array<{ bytes: number }>;
      expect(progress.at(-1)?.bytes).toBe(data.byteLength);
    }
    expect(r.of('peer-aaaa', 'fileProgressed').at(-1)).toMatchObject({
      transferId,
      direction: 'send',
      bytes: 40_000,
    });
  });

  it('[M15] a chunk altered on the way fails the hash downstream: never a silent bad file', async () => {
    const r = room(['star'], (from, to, m) =>
      from === 'peer-aaaa' && to === 'peer-cccc' && m.t === 'file-chunk' && m.index === 1
        ? { ...m, data: `A${m.data.slice(1)}` }
        : m,
    );
    const data = new Uint8Array(40_000).fill(9);
    await r.plane('peer-bbbb').sendFile({ name: 'b.bin', mimeType: '', data });
    await until(() => r.of('peer-cccc', 'errorRaised').length > 0, { what: 'hash mismatch' });
    await until(() => r.of('peer-dddd', 'fileReceived').length > 0, { what: 'good copy' });
    expect(r.of('peer-cccc', 'fileReceived')).toEqual([]);
    expect(r.of('peer-cccc', 'errorRaised')).toMatchObject([{ code: 'ERR_FILE_HASH_MISMATCH' }]);
    expect(r.of('peer-dddd', 'fileReceived')).toHaveLength(1);
  });

  it('[M15] chunks that overtake their announcement are held and assembled', async () => {
    const r = room(['mesh']);
    const plane = r.plane('peer-bbbb');
    const start = {
      t: 'file-start' as const,
      transferId: 'peer-aaaa:0',
      origin: 'peer-aaaa',
      name: 'x',
      mimeType: '',
      size: 3,
      chunks: 1,
      sha256: await sha256Hex(new Uint8Array([1, 2, 3])),
    };
    plane.handle('peer-aaaa', {
      t: 'file-chunk',
      transferId: 'peer-aaaa:0',
      origin: 'peer-aaaa',
      index: 0,
      data: 'AQID',
    });
    plane.handle('peer-aaaa', start);
    await until(() => r.of('peer-bbbb', 'fileReceived').length > 0, { what: 'assembled' });
    expect(r.of('peer-bbbb', 'fileReceived')).toMatchObject([{ size: 3 }]);
  });

  it('[M15] a transfer that stalls is aborted with ERR_FILE_ABORTED', async () => {
    const r = room(['mesh']);
    r.plane('peer-bbbb').handle('peer-aaaa', {
      t: 'file-start',
      transferId: 'peer-aaaa:0',
      origin: 'peer-aaaa',
      name: 'x',
      mimeType: '',
      size: 20_000,
      chunks: 2,
      sha256: '0'.repeat(64),
    });
    r.clock.advance(FILE_STALL_TIMEOUT_MS);
    expect(r.of('peer-bbbb', 'errorRaised')).toMatchObject([{ code: 'ERR_FILE_ABORTED' }]);
  });

  it('[M15] sending a file over the limit is refused at once', async () => {
    const r = room(['mesh']);
    const big = { byteLength: 65 * 1024 * 1024 } as Uint8Array;
    await expect(
      r.plane('peer-aaaa').sendFile({ name: 'big', mimeType: '', data: big }),
    ).rejects.toMatchObject({ code: 'ERR_FILE_TOO_LARGE' });
    await expect(
      r.plane('peer-aaaa').sendFile({ name: 'big', mimeType: '', data: big }),
    ).rejects.toBeInstanceOf(MeshRuntimeError);
  });

  it('[M14] a message claiming a transfer of another origin is rejected', () => {
    const r = room(['mesh']);
    r.plane('peer-bbbb').handle('peer-cccc', {
      t: 'file-start',
      transferId: 'peer-aaaa:0',
      origin: 'peer-cccc',
      name: 'x',
      mimeType: '',
      size: 1,
      chunks: 1,
      sha256: '0'.repeat(64),
    });
    expect(r.of('peer-bbbb', 'errorRaised')).toMatchObject([{ code: 'ERR_BAD_PEER_MESSAGE' }]);
  });
});
