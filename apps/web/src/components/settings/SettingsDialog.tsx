import { lazy, Suspense, useCallback, useRef } from 'react';
import { useFocusTrap } from '../../hooks/useFocusTrap';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/StoreContext';
import { RegionBoundary } from '../common/RegionBoundary';
import { E2eeSetting } from '../e2ee/E2eeSetting';
import { MediaExposure } from '../e2ee/MediaExposure';
import { LanguageSelect } from '../language/LanguageSelect';
import { DeviceSelect } from '../prejoin/DeviceSelect';
import { HubPicker } from './HubPicker';
import { RoomControls } from './RoomControls';
import { TopologyPicker } from './TopologyPicker';
import { UplinkBudgetSelect } from './UplinkBudgetSelect';

const TopologyPicture = lazy(() => import('../topology/TopologyPicture'));

/**
 * Settings: the room's topology (with cost preview and the star's hub), the host's room
 * controls, devices, upload budget and the page's language.
 */
export default function SettingsDialog() {
  const close = useAppStore((s) => s.setSettingsOpen);
  const topology = useAppStore((s) => s.room?.settings.topology);
  const ref = useRef<HTMLDivElement>(null);
  const onEscape = useCallback(() => close(false), [close]);
  useFocusTrap(ref, onEscape);
  const m = useT();
  const t = m.settings;

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
          <h2 id="settings-title">{t.title}</h2>
          <button
            type="button"
            className="btn btn-ghost"
            aria-label={t.close}
            onClick={() => close(false)}
          >
            ✕
          </button>
        </header>
        <RegionBoundary what={m.common.region.topologySettings}>
          <TopologyPicker />
          {topology === 'star' && <HubPicker />}
          <Suspense fallback={null}>
            <TopologyPicture />
          </Suspense>
        </RegionBoundary>
        <RegionBoundary what={m.common.region.roomControls}>
          <RoomControls />
        </RegionBoundary>
        <RegionBoundary what={m.e2ee.regionSetting}>
          <E2eeSetting />
          <MediaExposure />
        </RegionBoundary>
        <h3>{t.devices}</h3>
        <DeviceSelect kind="videoinput" />
        <DeviceSelect kind="audioinput" />
        <h3>{t.network}</h3>
        <UplinkBudgetSelect />
        <h3>{t.language}</h3>
        <LanguageSelect />
      </div>
    </div>
  );
}
