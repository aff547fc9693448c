import type { TopologySetting } from '@meshwork/protocol';
import { isolate } from '../../format/bidi';
import { errorText } from '../../i18n/errorText';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/StoreContext';
import { autoSummary, peopleCount, plannedTopology } from '../../topology/auto';
import { Isolated } from '../common/Isolated';

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
  const peerNames = useAppStore((s) => s.names);
  const hub = useAppStore((s) => s.plan?.hub ?? null);
  const hubName = useAppStore((s) => (hub ? s.names.get(hub) : undefined));
  const request = useAppStore((s) => s.topologyRequest);
  // Streams this person decodes and re-encodes for others under the current plan.
  const relaying = useAppStore(
    (s) => new Set(s.plan?.forward.filter((f) => f.from !== null).map((f) => f.origin)).size,
  );
  const m = useT();
  if (!topology) return null;
  const t = m.call;
  const labels = m.common.topology;
  const settingLabel = (s: TopologySetting) => (s === 'auto' ? m.auto.label : labels[s]);
  const text = [
    auto
      ? t.topologyIs(m.auto.status(autoSummary(auto, people, (id) => peerNames.get(id), m)))
      : t.topologyIs(labels[topology]),
    topology === 'star' && hubName ? t.hubIs(isolate(hubName)) : '',
    request?.pending && request.topology !== settings?.topology
      ? t.switchingTo(settingLabel(request.topology))
      : '',
    request?.error ? t.switchFailed(errorText(m, request.error)) : '',
    relaying > 0 ? t.youRelay(relaying) : '',
  ].join('');
  return (
    <p
      className="topology-status"
      role="status"
      data-topology={topology}
      data-setting={settings?.topology}
      data-auto-reason={auto?.reason}
    >
      <Isolated text={text} />
    </p>
  );
}
