import { describe, expect, it } from 'vitest';
import { layoutRecording, type TileRect } from './layout';

const W = 1280;
const H = 720;
const GAP = 8;

function overlaps(a: TileRect, b: TileRect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function inside(r: TileRect): boolean {
  return r.x >= 0 && r.y >= 0 && r.x + r.width <= W && r.y + r.height <= H;
}

describe('recording layout', () => {
  it('places nothing for no tiles', () => {
    expect(layoutRecording({ count: 0, width: W, height: H, gap: GAP })).toEqual([]);
  });

  it('one tile fills the canvas', () => {
    expect(layoutRecording({ count: 1, width: W, height: H, gap: GAP })).toEqual([
      { x: 0, y: 0, width: 1280, height: 720 },
    ]);
  });

  // count -> [columns in each row]
  const shapes: [number, number[]][] = [
    [2, [2]],
    [3, [2, 1]],
    [4, [2, 2]],
    [5, [3, 2]],
    [6, [3, 3]],
    [9, [3, 3, 3]],
    [10, [4, 4, 2]],
    [16, [4, 4, 4, 4]],
  ];
  it.each(shapes)(
    '%i tiles sit in rows of %j, 16:9, inside, apart, each row centred',
    (count, rows) => {
      const rects = layoutRecording({ count, width: W, height: H, gap: GAP });
      expect(rects).toHaveLength(count);
      const ys = [...new Set(rects.map((r) => r.y))];
      expect(ys.map((y) => rects.filter((r) => r.y === y).length)).toEqual(rows);
      for (const r of rects) {
        expect(inside(r)).toBe(true);
        expect(Math.abs(r.width / r.height - 16 / 9)).toBeLessThan(0.02);
      }
      for (let i = 0; i < rects.length; i++) {
        for (let j = i + 1; j < rects.length; j++) {
          expect(overlaps(rects[i] as TileRect, rects[j] as TileRect)).toBe(false);
        }
      }
      for (const y of ys) {
        const row = rects.filter((r) => r.y === y);
        const left = Math.min(...row.map((r) => r.x));
        const right = W - Math.max(...row.map((r) => r.x + r.width));
        expect(Math.abs(left - right)).toBeLessThanOrEqual(1);
      }
      // The block is centred from top to bottom too.
      const top = Math.min(...rects.map((r) => r.y));
      const bottom = H - Math.max(...rects.map((r) => r.y + r.height));
      expect(Math.abs(top - bottom)).toBeLessThanOrEqual(1);
    },
  );

  it('keeps tile order: left to right, then top to bottom', () => {
    const rects = layoutRecording({ count: 5, width: W, height: H, gap: GAP });
    const order = rects.map((r, i) => ({ i, key: r.y * W + r.x })).sort((a, b) => a.key - b.key);
    expect(order.map((o) => o.i)).toEqual([0, 1, 2, 3, 4]);
  });

  it('a pinned tile takes the stage; the others stack beside it in order', () => {
    const rects = layoutRecording({ count: 4, width: W, height: H, gap: GAP, pinned: 2 });
    const stage = rects[2] as TileRect;
    expect(stage).toMatchObject({ x: 0, y: 0, height: H });
    const column = rects.filter((_, i) => i !== 2);
    for (const r of column) {
      expect(r.x).toBeGreaterThan(stage.x + stage.width);
      expect(inside(r)).toBe(true);
      expect(overlaps(r, stage)).toBe(false);
    }
    expect(column.map((r) => r.y)).toEqual([...column.map((r) => r.y)].sort((a, b) => a - b));
  });

  it('many tiles beside a pin shrink to fit the height', () => {
    const rects = layoutRecording({ count: 12, width: W, height: H, gap: GAP, pinned: 0 });
    for (const r of rects) expect(inside(r)).toBe(true);
  });

  it('a pin that names no tile, or the only tile, lays out the plain grid', () => {
    const plain = layoutRecording({ count: 3, width: W, height: H, gap: GAP });
    expect(layoutRecording({ count: 3, width: W, height: H, gap: GAP, pinned: 7 })).toEqual(plain);
    expect(layoutRecording({ count: 1, width: W, height: H, gap: GAP, pinned: 0 })).toEqual([
      { x: 0, y: 0, width: 1280, height: 720 },
    ]);
  });
});
