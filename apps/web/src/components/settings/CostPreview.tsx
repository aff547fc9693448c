import type { HubLoadHint } from '@meshwork/protocol';
import type { Messages } from '../../i18n/messages';
import { useFormat, useT } from '../../i18n/useT';
import type { TopologyCost } from '../../topology/cost';

/** "6 of 400 streams · 12 % CPU": what the media server forwards now against its limit. */
export function describeLoad(load: HubLoadHint, m: Messages): string {
  return m.settings.load(load.streams, load.maxStreams, load.cpuPercent);
}

/** A topology's cost for this person, as a short list. */
export function CostPreview({ id, cost }: { id: string; cost: TopologyCost }) {
  const m = useT();
  const f = useFormat();
  const t = m.settings;
  return (
    <dl className="cost" id={id}>
      <div>
        <dt>{t.streamsUp}</dt>
        <dd data-cost="up">{f.number(cost.up)}</dd>
      </div>
      <div>
        <dt>{t.streamsDown}</dt>
        <dd data-cost="down">{f.number(cost.down)}</dd>
      </div>
      {cost.audioUp !== undefined && cost.audioDown !== undefined && (
        <>
          <div>
            <dt>{m.hybrid.audioUp}</dt>
            <dd data-cost="audio-up">{f.number(cost.audioUp)}</dd>
          </div>
          <div>
            <dt>{m.hybrid.audioDown}</dt>
            <dd data-cost="audio-down">{f.number(cost.audioDown)}</dd>
          </div>
        </>
      )}
      <div>
        <dt>{t.linksHeld}</dt>
        <dd data-cost="links">{f.number(cost.links)}</dd>
      </div>
      <div>
        <dt>{t.hopsFarthest}</dt>
        <dd data-cost="hops">{f.number(cost.maxHops)}</dd>
      </div>
      {cost.serverHub && (
        <div>
          <dt>{t.hub}</dt>
          <dd data-cost="server">{t.serverNoReencode}</dd>
        </div>
      )}
      {cost.serverHub && cost.serverLoad && (
        <div>
          <dt>{t.serverLoad}</dt>
          <dd data-cost="server-load">{describeLoad(cost.serverLoad, m)}</dd>
        </div>
      )}
      {cost.relayed > 0 && (
        <div>
          <dt>{t.reencodes}</dt>
          <dd data-cost="relayed">{f.number(cost.relayed)}</dd>
        </div>
      )}
    </dl>
  );
}
