import { isolate } from '../../format/bidi';
import { errorText } from '../../i18n/errorText';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/StoreContext';
import { Isolated } from '../common/Isolated';

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
  const m = useT();
  if (!topology) return null;
  const t = m.call;
  const names = m.common.topology;
  const text = [
    t.topologyIs(names[topology]),
    topology === 'star' && hubName ? t.hubIs(isolate(hubName)) : '',
    request?.pending && request.topology !== topology ? t.switchingTo(names[request.topology]) : '',
    request?.error ? t.switchFailed(errorText(m, request.error)) : '',
    relaying > 0 ? t.youRelay(relaying) : '',
  ].join('');
  return (
    <p className="topology-status" role="status" data-topology={topology}>
      <Isolated text={text} />
    </p>
  );
}
