import { lazy, Suspense } from 'react';
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
  // Raised hands first, in the order raised; everyone else in join order.
  const place = (id: string) => {
    const i = hands.indexOf(id);
    return i === -1 ? hands.length : i;
  };
  const ordered = [...peers].sort((a, b) => place(a.id) - place(b.id));
  return (
    <div className="participants">
      <RegionBoundary what="the lobby">
        <LobbyList />
      </RegionBoundary>
      <RegionBoundary what="the people in the room">
        <ul className="people" aria-label="People in the room">
          {ordered.map((p) => (
            <RegionBoundary key={p.id} what="this person" as="li" resetKey={p}>
              <PersonRow person={p} self={p.id === selfId} />
            </RegionBoundary>
          ))}
        </ul>
      </RegionBoundary>
      <RegionBoundary what="who sees your media">
        <MediaExposure />
      </RegionBoundary>
      <h3>Topology</h3>
      <RegionBoundary what="the topology picture">
        <Suspense fallback={<p className="muted">Loading picture…</p>}>
          <TopologyPicture />
        </Suspense>
      </RegionBoundary>
    </div>
  );
}
