import type { HubLoadHint } from '@meshwork/protocol';
import type { TopologyCost } from '../../topology/cost';
import { HYBRID_STRINGS } from '../hybrid/strings';

const count = new Intl.NumberFormat();

/** "6 of 400 streams · 12 % CPU": what the media server forwards now against its limit. */
export function describeLoad(load: HubLoadHint): string {
  return `${count.format(load.streams)} of ${count.format(load.maxStreams)} streams · ${Math.round(load.cpuPercent)} % CPU`;
}

/** A topology's cost for this person, as a short list. */
export function CostPreview({ id, cost }: { id: string; cost: TopologyCost }) {
  return (
    <dl className="cost" id={id}>
      <div>
        <dt>Streams up</dt>
        <dd data-cost="up">{cost.up}</dd>
      </div>
      <div>
        <dt>Streams down</dt>
        <dd data-cost="down">{cost.down}</dd>
      </div>
      {cost.audioUp !== undefined && cost.audioDown !== undefined && (
        <>
          <div>
            <dt>{HYBRID_STRINGS.audioUp}</dt>
            <dd data-cost="audio-up">{cost.audioUp}</dd>
          </div>
          <div>
            <dt>{HYBRID_STRINGS.audioDown}</dt>
            <dd data-cost="audio-down">{cost.audioDown}</dd>
          </div>
        </>
      )}
      <div>
        <dt>Links held</dt>
        <dd data-cost="links">{cost.links}</dd>
      </div>
      <div>
        <dt>Hops to farthest</dt>
        <dd data-cost="hops">{cost.maxHops}</dd>
      </div>
      {cost.serverHub && (
        <div>
          <dt>Hub</dt>
          <dd data-cost="server">Server: 0 re-encodes</dd>
        </div>
      )}
      {cost.serverHub && cost.serverLoad && (
        <div>
          <dt>Server load</dt>
          <dd data-cost="server-load">{describeLoad(cost.serverLoad)}</dd>
        </div>
      )}
      {cost.relayed > 0 && (
        <div>
          <dt>Re-encodes</dt>
          <dd data-cost="relayed">{cost.relayed}</dd>
        </div>
      )}
    </dl>
  );
}
