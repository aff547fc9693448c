import { TOPOLOGY_SETTINGS, type TopologySetting } from '@meshwork/protocol';
import { useMemo } from 'react';
import { useRoomRole } from '../../hooks/useRoomRole';
import { TOPOLOGY_LABELS } from '../../labels';
import { useAppStore } from '../../store/StoreContext';
import { previewAutoChoice } from '../../topology/auto';
import { previewCost } from '../../topology/cost';
import { AUTO_STRINGS } from '../auto/strings';
import { SwitchConfirm } from '../e2ee/SwitchConfirm';
import { useGuardedTopology } from '../e2ee/useGuardedTopology';
import { AudioRoutingToggle } from '../hybrid/AudioRoutingToggle';
import { ControlReason } from './ControlReason';
import { CostPreview } from './CostPreview';

const HINTS: Record<TopologySetting, string> = {
  auto: AUTO_STRINGS.hint,
  mesh: 'Everyone links to everyone: lowest delay, most uplink.',
  star: 'Everyone links to one hub, which relays: least uplink for others.',
  ring: 'Each links to two neighbours; video travels around the ring.',
};

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
            TOPOLOGY_SETTINGS.map((t) => [
              t,
              previewCost(
                t === 'auto' ? autoPick : t,
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
  const n = room?.peers.length ?? 0;

  return (
    <fieldset
      className="topology-picker"
      disabled={!role.canControl}
      aria-describedby={role.canControl ? undefined : 'topology-reason'}
    >
      <legend>Topology (changes it for everyone)</legend>
      <ControlReason id="topology-reason" role={role} />
      <p className="muted">
        Your cost with {n} {n === 1 ? 'person' : 'people'} in the room:
      </p>
      <div role="radiogroup" aria-label="Topology" className="topology-options">
        {TOPOLOGY_SETTINGS.map((t) => {
          const cost = costs?.get(t);
          return (
            <div
              key={t}
              className={`topology-option${chosen === t ? ' selected' : ''}`}
              data-topology={t}
            >
              <label className="topology-name">
                <input
                  type="radio"
                  name="topology"
                  value={t}
                  checked={chosen === t}
                  aria-describedby={`hint-${t} cost-${t}`}
                  onChange={() => guarded.choose(t)}
                />{' '}
                {t === 'auto' ? AUTO_STRINGS.label : TOPOLOGY_LABELS[t]}
              </label>
              <span className="muted small" id={`hint-${t}`}>
                {HINTS[t]}
              </span>
              {t === 'auto' && (
                <span className="small" data-auto-pick={autoPick}>
                  {AUTO_STRINGS.wouldPick(TOPOLOGY_LABELS[autoPick])}
                </span>
              )}
              {cost && <CostPreview id={`cost-${t}`} cost={cost} />}
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
          The topology could not be changed ({request.error}).
        </p>
      )}
    </fieldset>
  );
}
