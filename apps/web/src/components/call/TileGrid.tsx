import { useMemo } from 'react';
import { useAppStore } from '../../store/StoreContext';
import { Tile } from './Tile';
import { buildTiles } from './tiles';

/** Responsive grid of tiles; a pinned tile takes the stage and the rest line up beside it. */
export function TileGrid() {
  const room = useAppStore((s) => s.room);
  const remoteStreams = useAppStore((s) => s.remoteStreams);
  const local = useAppStore((s) => s.local);
  const pinned = useAppStore((s) => s.pinned);
  const tiles = useMemo(
    () => buildTiles({ room, remoteStreams, local }),
    [room, remoteStreams, local],
  );
  const hasPinned = tiles.some((t) => t.id === pinned);
  const count = Math.max(1, tiles.length);
  const columns = hasPinned ? 1 : Math.ceil(Math.sqrt(count));

  return (
    <section
      className={`grid${hasPinned ? ' grid-pinned' : ''}`}
      style={{ '--cols': columns } as React.CSSProperties}
      aria-label="Participants' video"
    >
      {tiles.map((tile) => (
        // Keyed by origin and stream key: a new route or track swaps the stream in place.
        <Tile key={tile.id} tile={tile} />
      ))}
    </section>
  );
}
