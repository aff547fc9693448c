import { TOPOLOGY_LABELS } from '../../labels';
import { useAppStore } from '../../store/StoreContext';
import { autoSummary, peopleCount, plannedTopology } from '../../topology/auto';
import { AUTO_STRINGS } from '../auto/strings';
import { Name } from '../common/Name';

/**
 * The room's current topology, named on screen for everyone ("Topology: Star"); an automatic
 * room says what the server picked and why ("Topology: Automatic · Star: 6 people, Bo's CPU
 * limited").
 */
export function TopologyStatus() {
  const settings = useAppStore((s) => s.room?.settings);
  const topology = settings ? plannedTopology(settings) : undefined;
  const auto = settings?.topology === 'auto' ? (settings.auto ?? null) : null;
  const people = useAppStore((s) => peopleCount(s.room?.peers ?? []));
  const names = useAppStore((s) => s.names);
  const hub = useAppStore((s) => s.plan?.hub ?? null);
  const hubName = useAppStore((s) => (hub ? s.names.get(hub) : undefined));
  const request = useAppStore((s) => s.topologyRequest);
  // Streams this person decodes and re-encodes for others under the current plan.
  const relaying = useAppStore(
    (s) => new Set(s.plan?.forward.filter((f) => f.from !== null).map((f) => f.origin)).size,
  );
  if (!topology) return null;
  return (
    <p
      className="topology-status"
      role="status"
      data-topology={topology}
      data-setting={settings?.topology}
    >
      Topology:{' '}
      {auto ? (
        <>
          {AUTO_STRINGS.label} ·{' '}
          <span data-auto-reason={auto.reason}>
            {autoSummary(auto, people, (id) => names.get(id))}
          </span>
        </>
      ) : (
        TOPOLOGY_LABELS[topology]
      )}
      {topology === 'star' && hubName ? (
        <>
          {' '}
          (hub: <Name>{hubName}</Name>)
        </>
      ) : (
        ''
      )}
      {request?.pending && request.topology !== settings?.topology
        ? ` → switching to ${request.topology === 'auto' ? AUTO_STRINGS.label : TOPOLOGY_LABELS[request.topology]}…`
        : ''}
      {request?.error ? ` (switch failed: ${request.error})` : ''}
      {relaying > 0
        ? ` · you relay ${relaying} ${relaying === 1 ? 'person' : 'people'}'s video`
        : ''}
    </p>
  );
}
