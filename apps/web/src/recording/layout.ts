import { fitGrid, TILE_ASPECT } from '../components/call/gridFit';

/** A tile's place on the recording canvas, in canvas pixels. */
export interface TileRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The canvas and the tiles to place on it. */
export interface RecordingArea {
  count: number;
  width: number;
  height: number;
  gap: number;
  /** The index of the pinned tile: it takes the stage and the others line up beside it. */
  pinned?: number | null;
}

/** Space between tiles on a canvas `width` wide: the page's 9 px gap, scaled to 1280 px. */
export function recordingGap(width: number): number {
  return Math.round((width * 9) / 1280);
}

/** Share of the canvas width the column beside a pinned tile takes. */
export const PINNED_COLUMN_SHARE = 0.2;

/**
 * Where each tile goes, in tile order, laid out as the page lays out its grid: the column count
 * that makes 16:9 tiles largest (`fitGrid`, never scrolling: a recording has no scroll bar),
 * every row centred on its own and the block centred in the canvas. With a pinned tile, the
 * stage fills the height on the left and the others stack in a column on the right.
 */
export function layoutRecording(area: RecordingArea): TileRect[] {
  const count = Math.max(0, Math.floor(area.count));
  if (count === 0) return [];
  const pinned = area.pinned ?? null;
  if (pinned !== null && pinned >= 0 && pinned < count && count > 1) {
    return layoutPinned(count, pinned, area);
  }
  const { width, height, gap } = area;
  const fit = fitGrid({ count, width, height, gap, minTileWidth: 1 });
  const tileWidth = Math.min(fit.tileWidth, width);
  const tileHeight = Math.floor(tileWidth / TILE_ASPECT);
  const rows = Math.ceil(count / fit.cols);
  const blockHeight = rows * tileHeight + (rows - 1) * gap;
  const top = Math.floor((height - blockHeight) / 2);
  const rects: TileRect[] = [];
  for (let row = 0; row < rows; row++) {
    const inRow = Math.min(fit.cols, count - row * fit.cols);
    const rowWidth = inRow * tileWidth + (inRow - 1) * gap;
    const left = Math.floor((width - rowWidth) / 2);
    for (let col = 0; col < inRow; col++) {
      rects.push({
        x: left + col * (tileWidth + gap),
        y: top + row * (tileHeight + gap),
        width: tileWidth,
        height: tileHeight,
      });
    }
  }
  return rects;
}

function layoutPinned(count: number, pinned: number, area: RecordingArea): TileRect[] {
  const { width, height, gap } = area;
  const others = count - 1;
  const columnWidth = Math.floor(width * PINNED_COLUMN_SHARE);
  // The column's tiles are 16:9 unless that many do not fit the height: then they shrink.
  const byHeight = Math.floor((height - (others - 1) * gap) / others);
  const tileHeight = Math.max(1, Math.min(Math.floor(columnWidth / TILE_ASPECT), byHeight));
  const tileWidth = Math.floor(tileHeight * TILE_ASPECT);
  const columnX = width - columnWidth + Math.floor((columnWidth - tileWidth) / 2);
  const stage: TileRect = { x: 0, y: 0, width: width - columnWidth - gap, height };
  const rects: TileRect[] = [];
  let next = 0;
  for (let i = 0; i < count; i++) {
    if (i === pinned) {
      rects.push(stage);
      continue;
    }
    rects.push({ x: columnX, y: next * (tileHeight + gap), width: tileWidth, height: tileHeight });
    next++;
  }
  return rects;
}
