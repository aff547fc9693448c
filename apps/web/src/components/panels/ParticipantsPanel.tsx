import { lazy, Suspense } from 'react';
import { NO_PEERS } from '../../store/empty';
import { useAppStore } from '../../store/StoreContext';

const TopologyPicture = lazy(() => import('../topology/TopologyPicture'));

/** Who is here, with their media state, and the live picture of the room's links. */
export function ParticipantsPanel() {
  const peers = useAppStore((s) => s.room?.peers ?? NO_PEERS);
  const selfId = useAppStore((s) => s.room?.selfId);
  const hub = useAppStore((s) => s.plan?.hub ?? null);
  return (
    <div className="participants">
      <ul className="people" aria-label="People in the room">
        {peers.map((p) => (
          <li key={p.id}>
            <span className="person-name">
              {p.displayName}
              {p.id === selfId ? ' (you)' : ''}
            </span>
            <span className="muted">
              {[
                p.id === hub ? 'hub' : null,
                p.media.audio ? null : 'muted',
                p.media.video ? null : 'camera off',
                p.media.screen ? 'sharing screen' : null,
                p.connected ? null : 'reconnecting',
              ]
                .filter(Boolean)
                .join(' · ')}
            </span>
          </li>
        ))}
      </ul>
      <h3>Topology</h3>
      <Suspense fallback={<p className="muted">Loading picture…</p>}>
        <TopologyPicture />
      </Suspense>
    </div>
  );
}
