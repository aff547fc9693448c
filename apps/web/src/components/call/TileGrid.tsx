import { useMemo, useRef } from 'react';
import { useElementSize } from '../../hooks/useElementSize';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/StoreContext';
import { RegionBoundary } from '../common/RegionBoundary';
import { fitGrid } from './gridFit';
import { Tile } from './Tile';
import { buildTiles } from './tiles';

/** Space between tiles; the stylesheet's `.grid { gap }` is the same. */
export const GRID_GAP_PX = 9;

/**
 * Tiles sized to fill the space they have: the column count that makes 16:9 tiles largest,
 * rows as tall as their tiles, the whole block centred. A pinned tile takes the stage instead,
 * and the rest line up beside it.
 */
export function TileGrid() {
  const room = useAppStore((s) => s.room);
  const remoteStreams = useAppStore((s) => s.remoteStreams);
  const local = useAppStore((s) => s.local);
  const linkStates = useAppStore((s) => s.linkStates);
  const pinned = useAppStore((s) => s.pinned);
  const m = useT();
  const tiles = useMemo(
    () => buildTiles({ room, remoteStreams, local, linkStates }),
    [room, remoteStreams, local, linkStates],
  );
  const ref = useRef<HTMLElement>(null);
  const size = useElementSize(ref);
  const hasPinned = tiles.some((t) => t.id === pinned);
  const count = Math.max(1, tiles.length);
  const fit =
    size && !hasPinned
      ? fitGrid({ count, width: size.width, height: size.height, gap: GRID_GAP_PX })
      : null;
  // Before the first measurement (and without ResizeObserver) columns alone size the tiles.
  const style = {
    '--cols': hasPinned ? 1 : (fit?.cols ?? Math.ceil(Math.sqrt(count))),
    '--others': Math.max(1, count - 1),
    ...(fit ? { '--tile-w': `${fit.tileWidth}px` } : {}),
  } as React.CSSProperties;

  return (
    <section
      ref={ref}
      className={`grid${hasPinned ? ' grid-pinned' : ''}`}
      style={style}
      aria-label={m.call.grid}
    >
      {tiles.map((tile) => (
        // Keyed by origin and stream key: a new route or track swaps the stream in place. Each
        // tile fails on its own: the others stay on screen.
        <RegionBoundary key={tile.id} what={m.common.region.tile} resetKey={tile}>
          <Tile tile={tile} />
        </RegionBoundary>
      ))}
    </section>
  );
}
