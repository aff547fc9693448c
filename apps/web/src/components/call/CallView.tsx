import { lazy, Suspense, useRef } from 'react';
import { useActiveSpeaker } from '../../hooks/useActiveSpeaker';
import { useLobbyChime } from '../../hooks/useLobbyChime';
import { useToastClearance } from '../../hooks/useToastClearance';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/StoreContext';
import { countPeople } from '../../topology/cost';
import { RegionBoundary } from '../common/RegionBoundary';
import { StatusBanner } from '../common/StatusBanner';
import { E2eeShield } from '../e2ee/E2eeShield';
import { RecordingIndicator } from '../recording/RecordingIndicator';
import { Controls } from './Controls';
import { TileGrid } from './TileGrid';
import { TopologyStatus } from './TopologyStatus';

// Not needed for the first paint of a call: loaded when first opened.
const SidePanel = lazy(() => import('../panels/SidePanel'));
const SettingsDialog = lazy(() => import('../settings/SettingsDialog'));

/** The call: header with the room and its topology, the tile grid, side panels, controls. */
export function CallView() {
  const roomId = useAppStore((s) => s.room?.roomId ?? '');
  const count = useAppStore((s) => countPeople(s.room?.peers ?? []));
  const panel = useAppStore((s) => s.panel);
  const settingsOpen = useAppStore((s) => s.settingsOpen);
  const m = useT();
  const region = m.common.region;
  useActiveSpeaker();
  useLobbyChime();
  const header = useRef<HTMLElement>(null);
  useToastClearance(header);

  return (
    <div className="call">
      <header className="call-header" ref={header}>
        <RegionBoundary what={region.header}>
          <h1 className="call-title">
            <span className="room-name">{roomId}</span>{' '}
            <span className="muted">· {m.common.people(count)}</span>
          </h1>
          <RecordingIndicator />
          <TopologyStatus />
          <E2eeShield />
        </RegionBoundary>
      </header>
      <StatusBanner />
      <div className="call-body">
        <RegionBoundary what={region.grid}>
          <TileGrid />
        </RegionBoundary>
        {panel && (
          <RegionBoundary what={region.panel} resetKey={panel}>
            <Suspense fallback={<aside className="panel" aria-busy="true" />}>
              <SidePanel panel={panel} />
            </Suspense>
          </RegionBoundary>
        )}
      </div>
      <RegionBoundary what={region.controls}>
        <Controls />
      </RegionBoundary>
      {settingsOpen && (
        <RegionBoundary what={region.settings}>
          <Suspense fallback={null}>
            <SettingsDialog />
          </Suspense>
        </RegionBoundary>
      )}
    </div>
  );
}
