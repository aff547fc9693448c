import { TOPOLOGY_SETTINGS } from '@meshwork/protocol';
import { useMemo } from 'react';
import { useRoomRole } from '../../hooks/useRoomRole';
import { errorText } from '../../i18n/errorText';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/StoreContext';
import { previewAutoChoice } from '../../topology/auto';
import { countPeople, previewCost } from '../../topology/cost';
import { SwitchConfirm } from '../e2ee/SwitchConfirm';
import { useGuardedTopology } from '../e2ee/useGuardedTopology';
import { AudioRoutingToggle } from '../hybrid/AudioRoutingToggle';
import { ControlReason } from './ControlReason';
import { CostPreview } from './CostPreview';

/**
 * Topology choice for the whole room, with what each would cost this person at the current
 * room size (computed with the same planner the server uses). Automatic (SPEC [P28]) shows the
 * cost of what it would pick now.
 */
export function TopologyPicker() {
  const room = useAppStore((s) => s.room);
  const request = useAppStore((s) => s.topologyRequest);
  const guarded = useGuardedTopology();
  const role = useRoomRole();
  const m = useT();
  const t = m.settings;
  const current = room?.settings.topology ?? 'auto';
  const chosen = request && !request.error ? request.topology : current;
  const autoPick = useMemo(
    () => (room ? previewAutoChoice(room.settings, room.peers).topology : 'mesh'),
    [room],
  );
  const costs = useMemo(
    () =>
      room
        ? new Map(
            TOPOLOGY_SETTINGS.map((topology) => [
              topology,
              previewCost(
                topology === 'auto' ? autoPick : topology,
                room.peers,
                room.selfId,
                room.settings.hubPreference,
                room.settings.audioRouting,
              ),
            ]),
          )
        : null,
    [room, autoPick],
  );
  const n = countPeople(room?.peers ?? []);

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
        {TOPOLOGY_SETTINGS.map((topology) => {
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
                  onChange={() => guarded.choose(topology)}
                />{' '}
                {topology === 'auto' ? m.auto.label : m.common.topology[topology]}
              </label>
              <span className="muted small" id={`hint-${topology}`}>
                {topology === 'auto' ? m.auto.hint : t.hint[topology]}
              </span>
              {topology === 'auto' && (
                <span className="small" data-auto-pick={autoPick}>
                  {m.auto.wouldPick(m.common.topology[autoPick])}
                </span>
              )}
              {cost && <CostPreview id={`cost-${topology}`} cost={cost} />}
            </div>
          );
        })}
      </div>
      <AudioRoutingToggle />
      {guarded.pending && (
        <SwitchConfirm
          pending={guarded.pending}
          confirm={guarded.confirm}
          cancel={guarded.cancel}
        />
      )}
      {request?.error && (
        <p className="error" role="alert">
          {t.topologyFailed(errorText(m, request.error))}
        </p>
      )}
    </fieldset>
  );
}
