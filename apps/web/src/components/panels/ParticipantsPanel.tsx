import { lazy, Suspense } from 'react';
import { useT } from '../../i18n/useT';
import { NO_PEERS } from '../../store/empty';
import { useAppStore } from '../../store/StoreContext';
import { RegionBoundary } from '../common/RegionBoundary';
import { MediaExposure } from '../e2ee/MediaExposure';
import { LobbyList } from './LobbyList';
import { PersonRow } from './PersonRow';

const TopologyPicture = lazy(() => import('../topology/TopologyPicture'));

/**
 * Who waits in the lobby, who is here (the host marked, raised hands first in the order raised)
 * with their media state, and the live picture of the room's links.
 */
export function ParticipantsPanel() {
  const peers = useAppStore((s) => s.room?.peers ?? NO_PEERS);
  const selfId = useAppStore((s) => s.room?.selfId);
  const hands = useAppStore((s) => s.hands);
  const m = useT();
  const region = m.common.region;
  // Raised hands first, in the order raised; everyone else in join order.
  const place = (id: string) => {
    const i = hands.indexOf(id);
    return i === -1 ? hands.length : i;
  };
  const ordered = [...peers].sort((a, b) => place(a.id) - place(b.id));
  return (
    <div className="participants">
      <RegionBoundary what={region.lobby}>
        <LobbyList />
      </RegionBoundary>
      <RegionBoundary what={region.people}>
        <ul className="people" aria-label={m.panels.people}>
          {ordered.map((p) => (
            <RegionBoundary key={p.id} what={region.person} as="li" resetKey={p}>
              <PersonRow person={p} self={p.id === selfId} />
            </RegionBoundary>
          ))}
        </ul>
      </RegionBoundary>
      <RegionBoundary what={m.e2ee.regionExposure}>
        <MediaExposure />
      </RegionBoundary>
      <h3>{m.panels.topology}</h3>
      <RegionBoundary what={region.picture}>
        <Suspense fallback={<p className="muted">{m.panels.loadingPicture}</p>}>
          <TopologyPicture />
        </Suspense>
      </RegionBoundary>
    </div>
  );
}
