import { TOPOLOGIES } from '@meshwork/protocol';
import { useMemo } from 'react';
import { useRoomRole } from '../../hooks/useRoomRole';
import { errorText } from '../../i18n/errorText';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/StoreContext';
import { previewCost } from '../../topology/cost';
import { ControlReason } from './ControlReason';
import { CostPreview } from './CostPreview';

/**
 * Topology choice for the whole room, with what each would cost this person at the current
 * room size (computed with the same planner the server uses).
 */
export function TopologyPicker() {
  const room = useAppStore((s) => s.room);
  const request = useAppStore((s) => s.topologyRequest);
  const setTopology = useAppStore((s) => s.setTopology);
  const role = useRoomRole();
  const m = useT();
  const t = m.settings;
  const current = room?.settings.topology ?? 'mesh';
  const chosen = request && !request.error ? request.topology : current;
  const costs = useMemo(
    () =>
      room
        ? new Map(
            TOPOLOGIES.map((t) => [
              t,
              previewCost(t, room.peers, room.selfId, room.settings.hubPreference),
            ]),
          )
        : null,
    [room],
  );
  const n = room?.peers.length ?? 0;

  return (
    <fieldset
      className="topology-picker"
      disabled={!role.canControl}
      aria-describedby={role.canControl ? undefined : 'topology-reason'}
    >
      <legend>{t.topologyLegend}</legend>
      <ControlReason id="topology-reason" role={role} />
      <p className="muted">{t.costWith(m.common.people(n))}</p>
      <div role="radiogroup" aria-label={t.topology} className="topology-options">
        {TOPOLOGIES.map((topology) => {
          const cost = costs?.get(topology);
          return (
            <div
              key={topology}
              className={`topology-option${chosen === topology ? ' selected' : ''}`}
              data-topology={topology}
            >
              <label className="topology-name">
                <input
                  type="radio"
                  name="topology"
                  value={topology}
                  checked={chosen === topology}
                  aria-describedby={`hint-${topology} cost-${topology}`}
                  onChange={() => void setTopology(topology)}
                />{' '}
                {m.common.topology[topology]}
              </label>
              <span className="muted small" id={`hint-${topology}`}>
                {t.hint[topology]}
              </span>
              {cost && <CostPreview id={`cost-${topology}`} cost={cost} />}
            </div>
          );
        })}
      </div>
      {request?.error && (
        <p className="error" role="alert">
          {t.topologyFailed(errorText(m, request.error))}
        </p>
      )}
    </fieldset>
  );
}
