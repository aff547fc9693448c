import { lazy, Suspense, useCallback, useRef } from 'react';
import { useFocusTrap } from '../../hooks/useFocusTrap';
import { useAppStore } from '../../store/StoreContext';
import { RegionBoundary } from '../common/RegionBoundary';
import { E2eeSetting } from '../e2ee/E2eeSetting';
import { MediaExposure } from '../e2ee/MediaExposure';
import { DeviceSelect } from '../prejoin/DeviceSelect';
import { HubPicker } from './HubPicker';
import { RoomControls } from './RoomControls';
import { TopologyPicker } from './TopologyPicker';
import { UplinkBudgetSelect } from './UplinkBudgetSelect';

const TopologyPicture = lazy(() => import('../topology/TopologyPicture'));

/** Settings: the room's topology (with cost preview and the star's hub), the host's room controls, devices, upload budget. */
export default function SettingsDialog() {
  const close = useAppStore((s) => s.setSettingsOpen);
  const topology = useAppStore((s) => s.room?.settings.topology);
  const ref = useRef<HTMLDivElement>(null);
  const onEscape = useCallback(() => close(false), [close]);
  useFocusTrap(ref, onEscape);

  return (
    <div className="backdrop">
      <div
        ref={ref}
        className="dialog card"
        role="dialog"
        aria-modal="true"
        aria-labelledby="settings-title"
        tabIndex={-1}
      >
        <header className="panel-header">
          <h2 id="settings-title">Settings</h2>
          <button
            type="button"
            className="btn btn-ghost"
            aria-label="Close settings"
            onClick={() => close(false)}
          >
            ✕
          </button>
        </header>
        <RegionBoundary what="the topology settings">
          <TopologyPicker />
          {topology === 'star' && <HubPicker />}
          <Suspense fallback={null}>
            <TopologyPicture />
          </Suspense>
        </RegionBoundary>
        <RegionBoundary what="the room controls">
          <RoomControls />
        </RegionBoundary>
        <RegionBoundary what="the encryption setting">
          <E2eeSetting />
          <MediaExposure />
        </RegionBoundary>
        <h3>Devices</h3>
        <DeviceSelect kind="videoinput" />
        <DeviceSelect kind="audioinput" />
        <h3>Network</h3>
        <UplinkBudgetSelect />
      </div>
    </div>
  );
}
