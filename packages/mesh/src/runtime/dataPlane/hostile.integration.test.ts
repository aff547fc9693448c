// Real WebRTC in Node: four MeshControllers over @roamhq/wrtc, one of them (peer-aaaa, the star
// hub) hostile: it forges, tampers with what it relays and floods. Run inside a loopback-only
// namespace:
//   unshare -n sh -c 'ip link set lo up; npx vitest run src/runtime/dataPlane/hostile.integration.test.ts'
import {
  type ChatPeerMessage,
  type FileStartPeerMessage,
  LIMITS,
  type PeerId,
  signingInput,
} from '@meshwork/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelTap } from '../testing/ChannelTap';
import { mayOpenPeerConnections } from '../testing/loopbackOnly';
import { type RoomPeer, WrtcRoom } from '../testing/wrtcRoom';
import type { MeshErrorCode } from '../types';
import { sha256Hex, toBase64 } from './bytes';
import { MAX_INCOMING_TRANSFERS_PER_ORIGIN } from './FileAssembler';

const verbose = process.env.MESHWORK_VERBOSE === '1';
const FLOOD = 10;

const codes = (p: RoomPeer, code: MeshErrorCode) =>
  (p.events.errorRaised ?? []).filter((e) => e.code === code).length;
const chatIds = (p: RoomPeer) => (p.events.chatReceived ?? []).map((m) => m.id);
const texts = (p: RoomPeer) => (p.events.chatReceived ?? []).map((m) => m.text);
const fileNames = (p: RoomPeer) => (p.events.fileReceived ?? []).map((f) => f.name);

describe.runIf(mayOpenPeerConnections())('data plane with a hostile hub over real WebRTC', () => {
  const tap = new ChannelTap();
  let room: WrtcRoom;
  let hub: RoomPeer;
  let leaves: RoomPeer[];

  /** A chat signed by `signer`, whatever origin it names. */
  async function chatSignedBy(
    signer: PeerId,
    fields: Omit<ChatPeerMessage, 't' | 'sig'>,
  ): Promise<ChatPeerMessage> {
    const unsigned = { t: 'chat' as const, ...fields };
    const sig = await room.signers.get(signer)?.sign(signingInput(unsigned));
    if (sig === undefined) throw new Error(`no signer ${signer}`);
    return { ...unsigned, sig };
  }

  const peer = (id: PeerId) => {
    const p = room.peers.find((x) => x.id === id);
    if (p === undefined) throw new Error(id);
    return p;
  };

  beforeAll(async () => {
    room = await WrtcRoom.create(4, {
      verbose,
      wrap: (index, create) => (index === 0 ? tap.wrap(create) : create),
    });
    const plans = room.prepare('star');
    const hubId = plans.get('peer-aaaa')?.hub;
    hub = peer(hubId ?? '');
    expect(hub.id).toBe('peer-aaaa');
    leaves = room.peers.filter((p) => p !== hub);
    await room.until(() => tap.open === leaves.length, 'the hub has a channel to every leaf');
  }, 40_000);
  afterAll(() => room?.close());

  it("[M19] a hub forging a leaf chat is refused at every leaf; the victim's own next chat arrives once", async () => {
    const [victim, ...others] = leaves;
    if (victim === undefined) throw new Error('no leaves');
    const forged = await chatSignedBy(hub.id, {
      origin: victim.id,
      seq: 0,
      text: 'forged by the hub',
      sentAt: Date.now(),
    });
    expect(tap.inject(forged)).toBe(3);
    await room.until(
      () => others.every((p) => codes(p, 'ERR_BAD_SIGNATURE') === 1),
      'forgery refused at the other leaves',
    );
    const honest = await victim.controller.sendChat('really me');
    expect(honest.id).toBe(`${victim.id}:0`);
    const receivers = room.peers.filter((p) => p !== victim);
    await room.until(
      () => receivers.every((p) => chatIds(p).includes(honest.id)),
      'honest chat with the seq the forger tried to burn',
    );
    for (const p of receivers) {
      expect(chatIds(p)).toEqual([honest.id]);
      expect(texts(p)).not.toContain(forged.text);
    }
    for (const p of others) expect(p.controller.rejectedMessages).toBe(1);
  }, 30_000);

  it('[M19] a chat sentAt out of range is ERR_STALE_MESSAGE everywhere and never shown', async () => {
    const stale = await chatSignedBy(hub.id, {
      origin: hub.id,
      seq: 1_000,
      text: 'the year 2100',
      sentAt: Date.now() + LIMITS.peerClockSkewMaxMs + 60_000,
    });
    expect(tap.inject(stale)).toBe(3);
    await room.until(
      () => leaves.every((p) => codes(p, 'ERR_STALE_MESSAGE') === 1),
      'stale chat refused',
    );
    for (const p of leaves) expect(texts(p)).not.toContain(stale.text);
  }, 30_000);

  it('[M19] a hub swapping a file and its SHA-256 together delivers nothing; honest files arrive once', async () => {
    const [sender, ...others] = leaves;
    if (sender === undefined) throw new Error('no leaves');
    const evil = new Uint8Array(40_000).fill(0x66);
    const evilSha = await sha256Hex(evil);
    tap.rewrite = (m) => {
      if (m.t === 'file-start' && m.origin === sender.id) return { ...m, sha256: evilSha };
      if (m.t === 'file-chunk' && m.origin === sender.id) {
        const part = evil.subarray(m.index * 16_384, (m.index + 1) * 16_384);
        return { ...m, data: toBase64(part) };
      }
      return m;
    };
    const real = new Uint8Array(40_000).map((_, i) => i & 0xff);
    await sender.controller.sendFile({ name: 'contract.pdf', mimeType: '', data: real });
    await room.until(
      () => others.every((p) => codes(p, 'ERR_BAD_SIGNATURE') === 2),
      'swapped announcement refused',
    );
    await room.until(() => fileNames(hub).includes('contract.pdf'), 'the hub got the real file');
    tap.rewrite = (m) => m;
    const [next] = others;
    if (next === undefined) throw new Error('no leaves');
    await next.controller.sendFile({ name: 'ok.bin', mimeType: '', data: new Uint8Array(20_000) });
    const receivers = room.peers.filter((p) => p !== next);
    await room.until(
      () => receivers.every((p) => fileNames(p).includes('ok.bin')),
      'honest file everywhere',
    );
    for (const p of others) {
      expect(fileNames(p)).not.toContain('contract.pdf');
      expect(codes(p, 'ERR_FILE_HASH_MISMATCH')).toBe(0);
    }
    for (const p of receivers) expect(fileNames(p).filter((n) => n === 'ok.bin')).toHaveLength(1);
  }, 30_000);

  it('[M21] a flood of file announcements is capped at every leaf; an honest file still arrives', async () => {
    const blob = new Uint8Array(16_384);
    const sha256 = await sha256Hex(blob);
    for (let i = 0; i < FLOOD; i++) {
      const unsigned = {
        t: 'file-start' as const,
        transferId: `${hub.id}:${5_000 + i}`,
        origin: hub.id,
        name: `spam-${i}`,
        mimeType: '',
        size: blob.byteLength,
        chunks: 1,
        sha256,
      };
      const sig = (await room.signers.get(hub.id)?.sign(signingInput(unsigned))) ?? '';
      const start: FileStartPeerMessage = { ...unsigned, sig };
      tap.inject(start);
    }
    const refused = FLOOD - MAX_INCOMING_TRANSFERS_PER_ORIGIN;
    await room.until(
      () => leaves.every((p) => codes(p, 'ERR_TOO_MANY_TRANSFERS') === refused),
      'flood capped',
    );
    const sender = leaves[2];
    if (sender === undefined) throw new Error('no leaves');
    await sender.controller.sendFile({ name: 'after-flood.bin', mimeType: '', data: blob });
    const receivers = room.peers.filter((p) => p !== sender);
    await room.until(
      () => receivers.every((p) => fileNames(p).includes('after-flood.bin')),
      'honest file after the flood',
    );
  }, 30_000);

  it('[M20] in a mesh, a neighbour relaying another origin off route is ERR_WRONG_ROUTE', async () => {
    room.prepare('mesh');
    const version = room.version;
    await room.until(
      () => room.peers.every((p) => (p.events.planReady ?? []).some((e) => e.version === version)),
      'every peer ready for the mesh',
    );
    room.commit();
    const [origin, ...others] = leaves;
    if (origin === undefined) throw new Error('no leaves');
    // Validly signed by its origin, but a mesh carries that origin's data only on its own links.
    const offRoute = await chatSignedBy(origin.id, {
      origin: origin.id,
      seq: 999,
      text: 'relayed off route',
      sentAt: Date.now(),
    });
    await room.until(() => tap.open >= leaves.length, 'hub channels open');
    tap.inject(offRoute);
    await room.until(
      () => others.every((p) => codes(p, 'ERR_WRONG_ROUTE') === 1),
      'off-route chat refused',
    );
    const honest = await origin.controller.sendChat('direct');
    const receivers = room.peers.filter((p) => p !== origin);
    await room.until(
      () => receivers.every((p) => chatIds(p).includes(honest.id)),
      'direct chat everywhere',
    );
    for (const p of others) {
      expect(texts(p)).not.toContain(offRoute.text);
      expect(chatIds(p).filter((id) => id === honest.id)).toHaveLength(1);
    }
  }, 60_000);
});
