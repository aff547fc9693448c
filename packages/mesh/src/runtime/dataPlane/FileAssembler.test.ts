import { FakeClock, until } from '@meshwork/kit';
import type { FileChunkPeerMessage, FileStartPeerMessage } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { settle } from '../testing/linkPair';
import type { MeshEvents } from '../types';
import { sha256Hex, toBase64 } from './bytes';
import {
  FileAssembler,
  MAX_INCOMING_BYTES,
  MAX_INCOMING_TRANSFERS,
  MAX_INCOMING_TRANSFERS_PER_ORIGIN,
  MAX_ORPHAN_CHUNKS,
  ORPHAN_CHUNK_TTL_MS,
} from './FileAssembler';

function assembler() {
  const clock = new FakeClock();
  const events: Array<{ event: keyof MeshEvents; payload: unknown }> = [];
  const raised: string[] = [];
  const files = new FileAssembler({
    clock,
    emit: (event, payload) => events.push({ event, payload }),
    raise: (code) => raised.push(code),
  });
  const received = () => events.filter((e) => e.event === 'fileReceived').length;
  return { clock, files, raised, received };
}

const start = (origin: string, seq: number, size = 1): FileStartPeerMessage => ({
  t: 'file-start',
  transferId: `${origin}:${seq}`,
  origin,
  name: 'x',
  mimeType: '',
  size,
  chunks: Math.ceil(size / 16_384),
  sha256: '0'.repeat(64),
  sig: '',
});

const chunk = (transferId: string, data: Uint8Array): FileChunkPeerMessage => ({
  t: 'file-chunk',
  transferId,
  origin: transferId.split(':')[0] ?? '',
  index: 0,
  data: toBase64(data),
});

const origin = (i: number) => `peer-${String(i).padStart(4, '0')}`;

describe('FileAssembler', () => {
  it('[M21] caps files per origin', () => {
    const { files } = assembler();
    for (let i = 0; i < MAX_INCOMING_TRANSFERS_PER_ORIGIN; i++) {
      const s = start(origin(1), i);
      expect(files.admit(s)).toBeNull();
      files.begin(s);
    }
    expect(files.admit(start(origin(1), 99))?.code).toBe('ERR_TOO_MANY_TRANSFERS');
    expect(files.admit(start(origin(2), 0))).toBeNull();
  });

  it('[M21] caps files in all, whatever their origins', () => {
    const { files } = assembler();
    for (let i = 0; i < MAX_INCOMING_TRANSFERS; i++) files.begin(start(origin(i), 0));
    expect(files.active).toBe(MAX_INCOMING_TRANSFERS);
    expect(files.admit(start(origin(999), 0))?.code).toBe('ERR_TOO_MANY_TRANSFERS');
  });

  it('[M21] caps the bytes announced by the files being assembled', () => {
    const { files } = assembler();
    const big = MAX_INCOMING_BYTES / 4;
    for (let i = 0; i < 4; i++) files.begin(start(origin(i), 0, big));
    expect(files.admit(start(origin(9), 0, 1))?.code).toBe('ERR_TOO_MANY_TRANSFERS');
  });

  it('[M21] a refused transfer drops its chunks; a valid announcement lifts that', async () => {
    const { files, received } = assembler();
    const data = new Uint8Array([7, 7, 7]);
    const s = { ...start(origin(1), 0, 3), sha256: await sha256Hex(data) };
    expect(files.chunk(chunk(s.transferId, data))).toBe('relay');
    files.discard(s.transferId);
    expect(files.chunk(chunk(s.transferId, data))).toBe('drop');
    files.begin(s);
    expect(files.chunk(chunk(s.transferId, data))).toBe('relay');
    await until(() => received() === 1, { what: 'the file assembled' });
    expect(received()).toBe(1);
  });

  it('[M15][M21] early chunks are bounded in number and forgotten after their TTL', async () => {
    const { files, clock, raised, received } = assembler();
    const data = new Uint8Array([1]);
    for (let i = 0; i < MAX_ORPHAN_CHUNKS; i++) {
      expect(files.chunk(chunk(`${origin(1)}:${i}`, data))).toBe('relay');
    }
    expect(files.chunk(chunk(`${origin(1)}:${MAX_ORPHAN_CHUNKS}`, data))).toBe('drop');
    expect(raised).toEqual(['ERR_FILE_ABORTED']);
    clock.advance(ORPHAN_CHUNK_TTL_MS);
    // Forgotten: room for new ones, and a late announcement finds nothing to assemble.
    expect(files.chunk(chunk(`${origin(2)}:0`, data))).toBe('relay');
    files.begin({ ...start(origin(1), 0, 1), sha256: await sha256Hex(data) });
    await settle();
    expect(received()).toBe(0);
  });
});
