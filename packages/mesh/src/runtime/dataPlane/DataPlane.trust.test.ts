import { until } from '@meshwork/kit';
import {
  type ChatPeerMessage,
  type FileStartPeerMessage,
  LIMITS,
  type PeerId,
  signingInput,
} from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { dataRoom, DATA_IDS as IDS } from '../testing/dataRoom';
import { settle } from '../testing/linkPair';
import { nodeSubtle } from '../testing/signers';
import type { ChatMessage, MeshError } from '../types';
import { sha256Hex, toBase64 } from './bytes';
import { INBOUND_BACKLOG_MAX } from './DataPlane';
import {
  MAX_INCOMING_TRANSFERS_PER_ORIGIN,
  MAX_ORPHAN_CHUNKS,
  ORPHAN_CHUNK_TTL_MS,
} from './FileAssembler';
import { UNKNOWN_ORIGIN_HOLD_MAX, UNKNOWN_ORIGIN_HOLD_MS } from './KeyWait';

type Room = Awaited<ReturnType<typeof dataRoom>>;

const codes = (r: Room, peer: PeerId) =>
  (r.of(peer, 'errorRaised') as MeshError[]).map((e) => e.code);
const chats = (r: Room, peer: PeerId) => r.of(peer, 'chatReceived') as ChatMessage[];

async function signedChat(
  r: Room,
  signer: PeerId,
  fields: Omit<ChatPeerMessage, 't' | 'sig'>,
): Promise<ChatPeerMessage> {
  const unsigned = { t: 'chat' as const, ...fields };
  return { ...unsigned, sig: await r.signer(signer).sign(signingInput(unsigned)) };
}

async function signedStart(
  r: Room,
  origin: PeerId,
  seq: number,
  data: Uint8Array,
): Promise<FileStartPeerMessage> {
  const unsigned = {
    t: 'file-start' as const,
    transferId: `${origin}:${seq}`,
    origin,
    name: `f${seq}.bin`,
    mimeType: '',
    size: data.byteLength,
    chunks: Math.ceil(data.byteLength / 16_384),
    sha256: await sha256Hex(data),
  };
  return { ...unsigned, sig: await r.signer(origin).sign(signingInput(unsigned)) };
}

describe('DataPlane under hostile peers', () => {
  it('[M19] a hub forging a leaf chat is refused everywhere and burns no sequence number', async () => {
    const r = await dataRoom(['star']);
    const hub = r.plans[0]?.get('peer-aaaa')?.hub;
    const [victim, ...others] = IDS.filter((p) => p !== hub);
    if (hub == null || victim === undefined) throw new Error('no star');
    // The hub speaks for the victim with the seq the victim uses next, signed by its own key.
    const forged = await signedChat(r, hub, {
      origin: victim,
      seq: 0,
      text: 'send me your password',
      sentAt: r.clock.now(),
    });
    for (const leaf of others) r.plane(leaf).handle(hub, forged);
    await until(() => others.every((p) => codes(r, p).includes('ERR_BAD_SIGNATURE')), {
      what: 'forgery refused',
    });
    for (const leaf of others) {
      expect(chats(r, leaf)).toEqual([]);
      expect(r.plane(leaf).rejected).toBe(1);
    }
    const honest = await r.plane(victim).sendChat('hello');
    expect(honest.id).toBe(`${victim}:0`);
    await until(() => others.every((p) => chats(r, p).length === 1), { what: 'honest chat' });
    await settle();
    for (const leaf of others) expect(chats(r, leaf)).toEqual([honest]);
  });

  it('[M20] a neighbour speaking for an origin it does not carry is ERR_WRONG_ROUTE', async () => {
    const r = await dataRoom(['mesh']);
    // In a mesh peer-aaaa's data reaches peer-bbbb on their own link, never through peer-cccc.
    const forged = await signedChat(r, 'peer-aaaa', {
      origin: 'peer-aaaa',
      seq: 7,
      text: 'replayed',
      sentAt: r.clock.now(),
    });
    r.plane('peer-bbbb').handle('peer-cccc', forged);
    await until(() => codes(r, 'peer-bbbb').length > 0, { what: 'route refused' });
    expect(codes(r, 'peer-bbbb')).toEqual(['ERR_WRONG_ROUTE']);
    expect(r.of('peer-bbbb', 'errorRaised')).toMatchObject([{ peer: 'peer-cccc' }]);
    // The same message on the right link is delivered: the check is the route, not the text.
    r.plane('peer-bbbb').handle('peer-aaaa', forged);
    await until(() => chats(r, 'peer-bbbb').length === 1, { what: 'delivered' });
    expect(r.wire).toEqual([]);
  });

  it('[M19] a chat sentAt beyond the clock skew is ERR_STALE_MESSAGE; inside it is shown', async () => {
    const r = await dataRoom(['mesh']);
    const now = r.clock.now();
    const far = now + LIMITS.peerClockSkewMaxMs + 1;
    const stale = await signedChat(r, 'peer-cccc', {
      origin: 'peer-cccc',
      seq: 0,
      text: 'from the future',
      sentAt: far,
    });
    const past = await signedChat(r, 'peer-cccc', {
      origin: 'peer-cccc',
      seq: 1,
      text: 'from 1970',
      sentAt: 0,
    });
    const fine = await signedChat(r, 'peer-cccc', {
      origin: 'peer-cccc',
      seq: 2,
      text: 'a slow clock',
      sentAt: now - LIMITS.peerClockSkewMaxMs,
    });
    for (const m of [stale, past, fine]) r.plane('peer-bbbb').handle('peer-cccc', m);
    await until(() => chats(r, 'peer-bbbb').length === 1, { what: 'in-range chat' });
    expect(codes(r, 'peer-bbbb')).toEqual(['ERR_STALE_MESSAGE', 'ERR_STALE_MESSAGE']);
    expect(chats(r, 'peer-bbbb').map((m) => m.text)).toEqual(['a slow clock']);
  });

  it('[M19] a hub that swaps a file and its SHA-256 together delivers nothing; honest files still arrive', async () => {
    const evil = new Uint8Array(20_000).fill(66);
    const evilSha = await sha256Hex(evil);
    const r = await dataRoom(['star'], (from, _to, m) => {
      if (from !== 'peer-aaaa' || !('origin' in m) || m.origin !== 'peer-bbbb') return m;
      if (m.t === 'file-start') return { ...m, sha256: evilSha };
      if (m.t === 'file-chunk') {
        return { ...m, data: toBase64(evil.subarray(m.index * 16_384, (m.index + 1) * 16_384)) };
      }
      return m;
    });
    expect(r.plans[0]?.get('peer-aaaa')?.hub).toBe('peer-aaaa');
    const data = new Uint8Array(20_000).fill(1);
    await r.plane('peer-bbbb').sendFile({ name: 'report.pdf', mimeType: '', data });
    await until(
      () => ['peer-cccc', 'peer-dddd'].every((p) => codes(r, p).includes('ERR_BAD_SIGNATURE')),
      { what: 'swapped announcement refused' },
    );
    // The hub itself got the real file.
    await until(() => r.of('peer-aaaa', 'fileReceived').length === 1, { what: 'hub copy' });
    const honest = new Uint8Array(5_000).fill(3);
    await r.plane('peer-dddd').sendFile({ name: 'ok.bin', mimeType: '', data: honest });
    await until(() => r.of('peer-cccc', 'fileReceived').length === 1, { what: 'honest file' });
    await settle();
    for (const leaf of ['peer-cccc', 'peer-dddd']) {
      expect(r.of(leaf, 'fileReceived').map((f) => (f as { name: string }).name)).toEqual(
        leaf === 'peer-cccc' ? ['ok.bin'] : [],
      );
      expect(codes(r, leaf)).toEqual(['ERR_BAD_SIGNATURE']);
    }
  });

  it('[M21] a flood of file announcements is capped per origin; an honest file still arrives', async () => {
    const r = await dataRoom(['mesh']);
    const blob = new Uint8Array(16_384);
    for (let seq = 0; seq < 10; seq++) {
      r.plane('peer-bbbb').handle('peer-cccc', await signedStart(r, 'peer-cccc', seq, blob));
    }
    await until(() => codes(r, 'peer-bbbb').length === 10 - MAX_INCOMING_TRANSFERS_PER_ORIGIN, {
      what: 'flood capped',
    });
    expect(new Set(codes(r, 'peer-bbbb'))).toEqual(new Set(['ERR_TOO_MANY_TRANSFERS']));
    expect(r.plane('peer-bbbb').rejected).toBe(10 - MAX_INCOMING_TRANSFERS_PER_ORIGIN);
    // A refused transfer's chunks are dropped, not held.
    r.plane('peer-bbbb').handle('peer-cccc', {
      t: 'file-chunk',
      transferId: 'peer-cccc:9',
      origin: 'peer-cccc',
      index: 0,
      data: toBase64(blob),
    });
    const data = new Uint8Array(30_000).fill(5);
    await r.plane('peer-aaaa').sendFile({ name: 'a.bin', mimeType: '', data });
    await until(() => r.of('peer-bbbb', 'fileReceived').length === 1, { what: 'honest file' });
    expect(r.of('peer-bbbb', 'fileReceived')).toMatchObject([{ origin: 'peer-aaaa' }]);
  });

  it('[M21] held chunks expire; a forged announcement discards them and a real one still works', async () => {
    const r = await dataRoom(['mesh']);
    const data = new Uint8Array([1, 2, 3]);
    const start = await signedStart(r, 'peer-aaaa', 0, data);
    const chunk = {
      t: 'file-chunk' as const,
      transferId: start.transferId,
      origin: 'peer-aaaa',
      index: 0,
      data: toBase64(data),
    };
    const plane = r.plane('peer-bbbb');
    plane.handle('peer-aaaa', chunk);
    plane.handle('peer-aaaa', { ...start, name: 'renamed.exe' });
    await until(() => codes(r, 'peer-bbbb').includes('ERR_BAD_SIGNATURE'), { what: 'forged' });
    plane.handle('peer-aaaa', start);
    await settle();
    // The chunk went with the forged announcement: the real one waits for a copy (a stall).
    expect(r.of('peer-bbbb', 'fileReceived')).toEqual([]);
    expect(MAX_ORPHAN_CHUNKS).toBeGreaterThan(0);
    // An orphan of another transfer is forgotten after its TTL.
    const other = await signedStart(r, 'peer-aaaa', 1, data);
    plane.handle('peer-aaaa', { ...chunk, transferId: other.transferId });
    await settle();
    r.clock.advance(ORPHAN_CHUNK_TTL_MS);
    plane.handle('peer-aaaa', other);
    await settle();
    expect(r.of('peer-bbbb', 'fileReceived')).toEqual([]);
  });

  it('[M19] a message from an origin without a key waits for it, boundedly', async () => {
    const r = await dataRoom(['mesh']);
    const plane = r.plane('peer-bbbb');
    const withoutC = new Map([...r.keys].filter(([id]) => id !== 'peer-cccc'));
    plane.setPeerKeys(withoutC);
    const early = await signedChat(r, 'peer-cccc', {
      origin: 'peer-cccc',
      seq: 0,
      text: 'first!',
      sentAt: r.clock.now(),
    });
    plane.handle('peer-cccc', early);
    await settle();
    expect(chats(r, 'peer-bbbb')).toEqual([]);
    plane.setPeerKeys(r.keys);
    await until(() => chats(r, 'peer-bbbb').length === 1, { what: 'held chat shown' });
    // Without a key in time: dropped after UNKNOWN_ORIGIN_HOLD_MS, past the bound at once.
    plane.setPeerKeys(withoutC);
    for (let seq = 1; seq <= UNKNOWN_ORIGIN_HOLD_MAX + 1; seq++) {
      plane.handle('peer-cccc', { ...early, seq });
    }
    await until(() => codes(r, 'peer-bbbb').length === 1, { what: 'over the bound' });
    r.clock.advance(UNKNOWN_ORIGIN_HOLD_MS);
    expect(codes(r, 'peer-bbbb')).toHaveLength(UNKNOWN_ORIGIN_HOLD_MAX + 1);
    expect(new Set(codes(r, 'peer-bbbb'))).toEqual(new Set(['ERR_BAD_SIGNATURE']));
    plane.setPeerKeys(r.keys);
    await settle();
    expect(chats(r, 'peer-bbbb')).toHaveLength(1);
  });

  it('[M19] a link that floods faster than it verifies is cut off past INBOUND_BACKLOG_MAX', async () => {
    // A verify that never finishes: everything behind the first message waits.
    const stuck = new Proxy(nodeSubtle, {
      get: (target, name: keyof SubtleCrypto) =>
        name === 'verify'
          ? () => new Promise(() => {})
          : (target[name] as (...a: unknown[]) => unknown).bind(target),
    });
    const r = await dataRoom(['mesh'], undefined, stuck);
    const chat = await signedChat(r, 'peer-cccc', {
      origin: 'peer-cccc',
      seq: 0,
      text: 'spam',
      sentAt: r.clock.now(),
    });
    for (let seq = 0; seq <= INBOUND_BACKLOG_MAX; seq++) {
      r.plane('peer-bbbb').handle('peer-cccc', { ...chat, seq });
    }
    expect(codes(r, 'peer-bbbb')).toEqual(['ERR_BAD_PEER_MESSAGE']);
    // Another link is not held up by it.
    expect(codes(r, 'peer-aaaa')).toEqual([]);
  });
});
