import { NO_PEERS } from '../../store/empty';
import { useAppStore } from '../../store/StoreContext';

const AUTO = '';

/** Which peer is the star's hub; automatic lets the server pick the best connection. */
export function HubPicker() {
  const peers = useAppStore((s) => s.room?.peers ?? NO_PEERS);
  const preference = useAppStore((s) => s.room?.settings.hubPreference ?? null);
  const hub = useAppStore((s) => s.plan?.hub ?? null);
  const names = useAppStore((s) => s.names);
  const setHub = useAppStore((s) => s.setHub);
  return (
    <div className="field">
      <label htmlFor="hub-select">Star hub</label>
      <select
        id="hub-select"
        className="input"
        value={preference ?? AUTO}
        onChange={(e) => void setHub(e.target.value === AUTO ? null : e.target.value)}
      >
        <option value={AUTO}>Automatic{hub ? ` (now ${names.get(hub) ?? 'elected'})` : ''}</option>
        {peers.map((p) => (
          <option key={p.id} value={p.id}>
            {p.displayName}
          </option>
        ))}
      </select>
      <p className="muted small">
        The hub relays everyone's video, so pick the strongest machine and network.
      </p>
    </div>
  );
}
