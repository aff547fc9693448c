import { TOPOLOGY_LABELS } from '../../labels';
import { useAppStore } from '../../store/StoreContext';
import { Name } from '../common/Name';

/** The room's current topology, named on screen for everyone ("Topology: Star"). */
export function TopologyStatus() {
  const topology = useAppStore((s) => s.room?.settings.topology);
  const hub = useAppStore((s) => s.plan?.hub ?? null);
  const hubName = useAppStore((s) => (hub ? s.names.get(hub) : undefined));
  const request = useAppStore((s) => s.topologyRequest);
  // Streams this person decodes and re-encodes for others under the current plan.
  const relaying = useAppStore(
    (s) => new Set(s.plan?.forward.filter((f) => f.from !== null).map((f) => f.origin)).size,
  );
  if (!topology) return null;
  return (
    <p className="topology-status" role="status" data-topology={topology}>
      Topology: {TOPOLOGY_LABELS[topology]}
      {topology === 'star' && hubName ? (
        <>
          {' '}
          (hub: <Name>{hubName}</Name>)
        </>
      ) : (
        ''
      )}
      {request?.pending && request.topology !== topology
        ? ` → switching to ${TOPOLOGY_LABELS[request.topology]}…`
        : ''}
      {request?.error ? ` (switch failed: ${request.error})` : ''}
      {relaying > 0
        ? ` · you relay ${relaying} ${relaying === 1 ? 'person' : 'people'}'s video`
        : ''}
    </p>
  );
}
