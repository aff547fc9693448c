import { describe, expect, it } from 'vitest';
import { fitGrid } from './gridFit';

describe('fitGrid', () => {
  it.each([
    // count, width, height -> cols, rows, tileWidth, scrolls
    { count: 1, width: 1000, height: 560, cols: 1, rows: 1, tileWidth: 995, scrolls: false },
    { count: 2, width: 1076, height: 575, cols: 2, rows: 1, tileWidth: 533, scrolls: false },
    // Three at 1100x700: two columns, the third tile centred in the second row.
    { count: 3, width: 1076, height: 575, cols: 2, rows: 2, tileWidth: 503, scrolls: false },
    // Three beside the participants panel: still two columns, rows sized to the tiles.
    { count: 3, width: 742, height: 575, cols: 2, rows: 2, tileWidth: 366, scrolls: false },
    // Nearly as large in one thin column, but two and one suit a wide area better.
    { count: 3, width: 650, height: 560, cols: 2, rows: 2, tileWidth: 320, scrolls: false },
    { count: 4, width: 1076, height: 575, cols: 2, rows: 2, tileWidth: 503, scrolls: false },
    // A wide, short strip: all in one row.
    { count: 4, width: 1600, height: 240, cols: 4, rows: 1, tileWidth: 393, scrolls: false },
    // Phone (390x800): one column of three.
    { count: 3, width: 358, height: 606, cols: 1, rows: 3, tileWidth: 348, scrolls: false },
    { count: 6, width: 358, height: 606, cols: 2, rows: 3, tileWidth: 174, scrolls: false },
    // Too many for the minimum width: two columns of 160+ px, and the grid scrolls.
    { count: 12, width: 358, height: 300, cols: 2, rows: 6, tileWidth: 174, scrolls: true },
  ])('$count tiles in $width x $height -> $cols x $rows of $tileWidth px', (row) => {
    expect(fitGrid({ count: row.count, width: row.width, height: row.height, gap: 9 })).toEqual({
      cols: row.cols,
      rows: row.rows,
      tileWidth: row.tileWidth,
      scrolls: row.scrolls,
    });
  });

  it('fits every tile inside the area unless it scrolls', () => {
    for (let count = 1; count <= 16; count++) {
      for (const [width, height] of [
        [1076, 575],
        [742, 575],
        [358, 606],
        [900, 300],
      ] as const) {
        const fit = fitGrid({ count, width, height, gap: 9 });
        expect(fit.cols * fit.tileWidth + (fit.cols - 1) * 9).toBeLessThanOrEqual(width);
        const tileHeight = (fit.tileWidth * 9) / 16;
        if (!fit.scrolls) {
          expect(fit.rows * tileHeight + (fit.rows - 1) * 9).toBeLessThanOrEqual(height + 0.5);
        }
        expect(fit.cols * fit.rows).toBeGreaterThanOrEqual(count);
      }
    }
  });

  it('treats a zero or fractional count as one tile and never returns a negative width', () => {
    expect(fitGrid({ count: 0, width: 400, height: 225, gap: 9 })).toEqual({
      cols: 1,
      rows: 1,
      tileWidth: 400,
      scrolls: false,
    });
    expect(fitGrid({ count: 3, width: 0, height: 0, gap: 9 }).tileWidth).toBe(0);
  });
});
