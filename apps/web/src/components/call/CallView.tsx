import { lazy, Suspense } from 'react';
import { useActiveSpeaker } from '../../hooks/useActiveSpeaker';
import { useAppStore } from '../../store/StoreContext';
import { StatusBanner } from '../common/StatusBanner';
import { Controls } from './Controls';
import { TileGrid } from './TileGrid';
import { TopologyStatus } from './TopologyStatus';

// Not needed for the first paint of a call: loaded when first opened.
const SidePanel = lazy(() => import('../panels/SidePanel'));
const SettingsDialog = lazy(() => import('../settings/SettingsDialog'));

/** The call: header with the room and its topology, the tile grid, side panels, controls. */
export function CallView() {
  const roomId = useAppStore((s) => s.room?.roomId ?? '');
  const count = useAppStore((s) => s.room?.peers.length ?? 0);
  const panel = useAppStore((s) => s.panel);
  const settingsOpen = useAppStore((s) => s.settingsOpen);
  useActiveSpeaker();

  return (
    <div className="call">
      <header className="call-header">
        <h1 className="call-title">
          <span className="room-name">{roomId}</span>{' '}
          <span className="muted">
            · {count} {count === 1 ? 'person' : 'people'}
          </span>
        </h1>
        <TopologyStatus />
      </header>
      <StatusBanner />
      <div className="call-body">
        <TileGrid />
        {panel && (
          <Suspense fallback={<aside className="panel" aria-busy="true" />}>
            <SidePanel panel={panel} />
          </Suspense>
        )}
      </div>
      <Controls />
      {settingsOpen && (
        <Suspense fallback={null}>
          <SettingsDialog />
        </Suspense>
      )}
    </div>
  );
}
