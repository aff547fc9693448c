import { isolate } from '../../format/bidi';
import { useRoomRole } from '../../hooks/useRoomRole';
import { NO_PEERS } from '../../store/empty';
import { useAppStore } from '../../store/StoreContext';
import { isMediaServer } from '../../topology/cost';
import { ControlReason } from './ControlReason';

const AUTO = '';

/** Which peer is the star's hub; automatic lets the server pick the best connection. */
export function HubPicker() {
  const peers = useAppStore((s) => s.room?.peers ?? NO_PEERS);
  const preference = useAppStore((s) => s.room?.settings.hubPreference ?? null);
  const hub = useAppStore((s) => s.plan?.hub ?? null);
  const names = useAppStore((s) => s.names);
  const setHub = useAppStore((s) => s.setHub);
  const role = useRoomRole();
  const hubName = hub ? names.get(hub) : undefined;
  return (
    <div className="field">
      <label htmlFor="hub-select">Star hub</label>
      <select
        id="hub-select"
        className="input"
        value={preference ?? AUTO}
        disabled={!role.canControl}
        aria-describedby={role.canControl ? undefined : 'hub-reason'}
        onChange={(e) => void setHub(e.target.value === AUTO ? null : e.target.value)}
      >
        <option value={AUTO}>
          Automatic{hub ? ` (now ${hubName === undefined ? 'elected' : isolate(hubName)})` : ''}
        </option>
        {peers.map((p) => (
          // <option> holds plain text only, so the name is isolated with Unicode isolates.
          <option key={p.id} value={p.id}>
            {isMediaServer(p) ? 'Server (forwards video, no re-encoding)' : isolate(p.displayName)}
          </option>
        ))}
      </select>
      <ControlReason id="hub-reason" role={role} />
      <p className="muted small">
        The hub relays everyone's video. A person's browser re-encodes it; the server forwards it as
        it comes.
      </p>
    </div>
  );
}
