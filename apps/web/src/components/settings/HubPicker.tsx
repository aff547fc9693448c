import { isolate } from '../../format/bidi';
import { useRoomRole } from '../../hooks/useRoomRole';
import { useT } from '../../i18n/useT';
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
  const t = useT().settings;
  return (
    <div className="field">
      <label htmlFor="hub-select">{t.starHub}</label>
      <select
        id="hub-select"
        className="input"
        value={preference ?? AUTO}
        disabled={!role.canControl}
        aria-describedby={role.canControl ? undefined : 'hub-reason'}
        onChange={(e) => void setHub(e.target.value === AUTO ? null : e.target.value)}
      >
        <option value={AUTO}>
          {hub ? t.automaticNow(hubName === undefined ? t.elected : isolate(hubName)) : t.automatic}
        </option>
        {peers.map((p) => (
          // <option> holds plain text only, so the name is isolated with Unicode isolates.
          <option key={p.id} value={p.id}>
            {isMediaServer(p) ? t.serverHub : isolate(p.displayName)}
          </option>
        ))}
      </select>
      <ControlReason id="hub-reason" role={role} />
      <p className="muted small">{t.hubHint}</p>
    </div>
  );
}
