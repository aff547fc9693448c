import { until } from '@meshwork/kit';
import { signingInput } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { MeshRuntimeError } from '../errors';
import { dataRoom, DATA_IDS as IDS } from '../testing/dataRoom';
import { settle } from '../testing/linkPair';
import { sha256Hex } from './bytes';
import { FILE_STALL_TIMEOUT_MS } from './FileAssembler';

describe('DataPlane', () => {
  it('[M14] star: a leaf chat reaches every peer exactly once through the hub', async () => {
    const r = await dataRoom(['star']);
    const sent = await r.plane('peer-dddd').sendChat('hi');
    await until(() => IDS.slice(0, 3).every((p) => r.of(p, 'chatReceived').length > 0), {
      what: 'chat everywhere',
    });
    expect(sent).toEqual({
      id: 'peer-dddd:0',
      origin: 'peer-dddd',
      text: 'hi',
      sentAt: r.clock.now(),
    });
    for (const peer of IDS.filter((p) => p !== 'peer-dddd')) {
      expect(r.of(peer, 'chatReceived')).toEqual([sent]);
    }
    // The leaf sends once, to the hub; the hub relays to the two other leaves.
    expect(r.wire.filter((w) => w.from === 'peer-dddd')).toHaveLength(1);
    expect(r.wire).toHaveLength(3);
  });

  it('[M14] overlapping plans (a switch) deliver duplicates once', async () => {
    const r = await dataRoom(['ring', 'star', 'mesh']);
    await r.plane('peer-bbbb').sendChat('one');
    await r.plane('peer-cccc').sendChat('two');
    const expected = (peer: string) =>
      peer === 'peer-bbbb' ? ['two'] : peer === 'peer-cccc' ? ['one'] : ['one', 'two'];
    await until(() => IDS.every((p) => r.of(p, 'chatReceived').length === expected(p).length), {
      what: 'chats',
    });
    await settle();
    for (const peer of IDS) {
      const texts = r.of(peer, 'chatReceived').map((m) => (m as { text: string }).text);
      expect(texts.sort()).toEqual(expected(peer));
    }
    expect(r.wire.length).toBeGreaterThan(6);
  });

  it('[M15] a file reaches every peer in a ring with its SHA-256, with progress', async () => {
    const r = await dataRoom(['ring']);
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
    const r = await dataRoom(['star'], (from, to, m) =>
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
    const r = await dataRoom(['mesh']);
    const plane = r.plane('peer-bbbb');
    const unsigned = {
      t: 'file-start' as const,
      transferId: 'peer-aaaa:0',
      origin: 'peer-aaaa',
      name: 'x',
      mimeType: '',
      size: 3,
      chunks: 1,
      sha256: await sha256Hex(new Uint8Array([1, 2, 3])),
    };
    const sig = await r.signer('peer-aaaa').sign(signingInput(unsigned));
    plane.handle('peer-aaaa', {
      t: 'file-chunk',
      transferId: 'peer-aaaa:0',
      origin: 'peer-aaaa',
      index: 0,
      data: 'AQID',
    });
    plane.handle('peer-aaaa', { ...unsigned, sig });
    await until(() => r.of('peer-bbbb', 'fileReceived').length > 0, { what: 'assembled' });
    expect(r.of('peer-bbbb', 'fileReceived')).toMatchObject([{ size: 3 }]);
  });

  it('[M15] a transfer that stalls is aborted with ERR_FILE_ABORTED', async () => {
    const r = await dataRoom(['mesh']);
    const unsigned = {
      t: 'file-start' as const,
      transferId: 'peer-aaaa:0',
      origin: 'peer-aaaa',
      name: 'x',
      mimeType: '',
      size: 20_000,
      chunks: 2,
      sha256: '0'.repeat(64),
    };
    const sig = await r.signer('peer-aaaa').sign(signingInput(unsigned));
    r.plane('peer-bbbb').handle('peer-aaaa', { ...unsigned, sig });
    await until(() => r.clock.pending > 0, { what: 'transfer begun' });
    r.clock.advance(FILE_STALL_TIMEOUT_MS);
    expect(r.of('peer-bbbb', 'errorRaised')).toMatchObject([{ code: 'ERR_FILE_ABORTED' }]);
  });

  it('[M15] sending a file over the limit is refused at once', async () => {
    const r = await dataRoom(['mesh']);
    const big = { byteLength: 65 * 1024 * 1024 } as Uint8Array;
    await expect(
      r.plane('peer-aaaa').sendFile({ name: 'big', mimeType: '', data: big }),
    ).rejects.toMatchObject({ code: 'ERR_FILE_TOO_LARGE' });
    await expect(
      r.plane('peer-aaaa').sendFile({ name: 'big', mimeType: '', data: big }),
    ).rejects.toBeInstanceOf(MeshRuntimeError);
  });

  it('[M14] a message claiming a transfer of another origin is rejected', async () => {
    const r = await dataRoom(['mesh']);
    r.plane('peer-bbbb').handle('peer-cccc', {
      t: 'file-start',
      transferId: 'peer-aaaa:0',
      origin: 'peer-cccc',
      name: 'x',
      mimeType: '',
      size: 1,
      chunks: 1,
      sha256: '0'.repeat(64),
      sig: 'S'.repeat(86),
    });
    await until(() => r.of('peer-bbbb', 'errorRaised').length > 0, { what: 'rejection' });
    expect(r.of('peer-bbbb', 'errorRaised')).toMatchObject([{ code: 'ERR_BAD_PEER_MESSAGE' }]);
    expect(r.plane('peer-bbbb').rejected).toBe(1);
  });
});
