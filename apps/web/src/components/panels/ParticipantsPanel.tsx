import { lazy, Suspense } from 'react';
import { NO_PEERS } from '../../store/empty';
import { useAppStore } from '../../store/StoreContext';
import { RegionBoundary } from '../common/RegionBoundary';
import { LobbyList } from './LobbyList';
import { PersonRow } from './PersonRow';

const TopologyPicture = lazy(() => import('../topology/TopologyPicture'));

/** Who is here (the host marked), with their media state, and the live picture of the room's links. */
export function ParticipantsPanel() {
  const peers = useAppStore((s) => s.room?.peers ?? NO_PEERS);
  const selfId = useAppStore((s) => s.room?.selfId);
  return (
    <div className="participants">
      <RegionBoundary what="the lobby">
        <LobbyList />
      </RegionBoundary>
      <RegionBoundary what="the people in the room">
        <ul className="people" aria-label="People in the room">
          {peers.map((p) => (
            <RegionBoundary key={p.id} what="this person" as="li" resetKey={p}>
              <PersonRow person={p} self={p.id === selfId} />
            </RegionBoundary>
          ))}
        </ul>
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
