/** Width over height of a tile; cameras and the fake camera are 16:9. */
export const TILE_ASPECT = 16 / 9;

/** Below this width a tile stops shrinking and the grid scrolls instead. */
export const MIN_TILE_WIDTH = 160;

/** Tile widths this close (a fraction of the larger) count as equally good. */
const TIE = 0.02;

/** The area tiles are laid out in, and how many there are. */
export interface GridArea {
  count: number;
  width: number;
  height: number;
  gap: number;
  aspect?: number;
  minTileWidth?: number;
}

/** Columns, rows and the width every tile gets (whole pixels, so a row never wraps early). */
export interface GridFit {
  cols: number;
  rows: number;
  tileWidth: number;
  /** Tiles do not fit at the minimum width: the grid scrolls. */
  scrolls: boolean;
}

/**
 * The column count that gives tiles of one aspect ratio the largest size in the area: each
 * candidate's tile is as wide as a column allows, unless the rows are too tall for the height.
 * Between near-equal sizes, the block whose shape is closest to the area's wins (three tiles
 * beside a panel sit two and one, not in a thin column). When even the best fit is narrower
 * than the minimum, tiles keep the minimum width in as many columns as fit, and the grid scrolls.
 */
export function fitGrid(area: GridArea): GridFit {
  const { width, height, gap } = area;
  const count = Math.max(1, Math.floor(area.count));
  const aspect = area.aspect ?? TILE_ASPECT;
  const minWidth = area.minTileWidth ?? MIN_TILE_WIDTH;
  // How far (as a log ratio) a block of cols x rows tiles is from the area's shape.
  const misfit = (cols: number, rows: number, tileWidth: number): number => {
    const blockWidth = cols * tileWidth + (cols - 1) * gap;
    const blockHeight = rows * (tileWidth / aspect) + (rows - 1) * gap;
    return Math.abs(Math.log(blockWidth / blockHeight / (width / height)));
  };
  let best: GridFit = { cols: 1, rows: count, tileWidth: 0, scrolls: false };
  for (let cols = 1; cols <= count; cols++) {
    const rows = Math.ceil(count / cols);
    const byWidth = (width - (cols - 1) * gap) / cols;
    const byHeight = ((height - (rows - 1) * gap) / rows) * aspect;
    const tileWidth = Math.floor(Math.min(byWidth, byHeight));
    const larger = Math.max(tileWidth, best.tileWidth);
    const better =
      Math.abs(tileWidth - best.tileWidth) <= TIE * larger
        ? tileWidth > 0 &&
          misfit(cols, rows, tileWidth) < misfit(best.cols, best.rows, best.tileWidth)
        : tileWidth > best.tileWidth;
    if (better) best = { cols, rows, tileWidth, scrolls: false };
  }
  if (best.tileWidth >= minWidth) return best;
  const cols = Math.max(1, Math.min(count, Math.floor((width + gap) / (minWidth + gap))));
  const tileWidth = Math.max(0, Math.floor((width - (cols - 1) * gap) / cols));
  return { cols, rows: Math.ceil(count / cols), tileWidth, scrolls: true };
}
