import { describe, expect, it } from 'vitest';
import { ids } from '../../test/fakes';
import type { FileEntry } from '../types';
import { heldBytes, MAX_HELD_FILE_BYTES, releaseFile, withinHeldLimit } from './heldFiles';

function held(id: string, size: number): [string, FileEntry] {
  return [
    id,
    {
      transferId: id,
      origin: ids.ana,
      name: `${id}.bin`,
      size,
      bytes: size,
      direction: 'receive',
      received: { sha256: '00'.repeat(32), data: new Uint8Array(size), released: null },
    },
  ];
}

describe('received files held in memory', () => {
  it('releases the oldest unsaved files once the held bytes pass the limit', () => {
    const files = new Map([held('a', 40), held('b', 40), held('c', 40)]);
    const out = withinHeldLimit(files, 100);
    expect(out.get('a')?.received).toMatchObject({ data: null, released: 'expired' });
    expect(out.get('b')?.received?.data?.byteLength).toBe(40);
    expect(out.get('c')?.received?.data?.byteLength).toBe(40);
    expect(heldBytes(out)).toBe(80);
    // The input map is replaced, never mutated.
    expect(heldBytes(files)).toBe(120);
  });

  it('keeps everything under the limit, and the limit is a named, bounded constant', () => {
    const files = new Map([held('a', 10), held('b', 10)]);
    expect(withinHeldLimit(files, 20)).toBe(files);
    expect(MAX_HELD_FILE_BYTES).toBeGreaterThan(0);
    expect(MAX_HELD_FILE_BYTES).toBeLessThanOrEqual(512 * 1024 * 1024);
  });

  it('releases one file, and nothing when it holds no bytes', () => {
    const files = new Map([held('a', 10)]);
    const saved = releaseFile(files, 'a', 'saved');
    expect(saved?.get('a')?.received).toMatchObject({ data: null, released: 'saved' });
    expect(releaseFile(saved ?? new Map(), 'a', 'saved')).toBeNull();
    expect(releaseFile(files, 'missing', 'saved')).toBeNull();
  });
});
