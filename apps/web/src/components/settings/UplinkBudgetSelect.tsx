import { useAppStore } from '../../store/StoreContext';
import { UPLINK_CHOICES } from '../../store/slices/uplinkSlice';

function label(kbps: number): string {
  return kbps >= 1_000 ? `${kbps / 1_000} Mbit/s` : `${kbps} kbit/s`;
}

/**
 * How much upload the call may use: every video and audio stream this person sends, relayed
 * ones included, shares it (smaller pictures when it is thin).
 */
export function UplinkBudgetSelect() {
  const kbps = useAppStore((s) => s.uplinkKbps);
  const setBudget = useAppStore((s) => s.setUplinkBudget);
  const choices = UPLINK_CHOICES.includes(kbps) ? UPLINK_CHOICES : [...UPLINK_CHOICES, kbps];
  return (
    <div className="field">
      <label htmlFor="uplink-budget">Upload budget</label>
      <select
        id="uplink-budget"
        className="input"
        value={kbps}
        onChange={(e) => setBudget(Number(e.target.value))}
      >
        {[...choices]
          .sort((a, b) => a - b)
          .map((c) => (
            <option key={c} value={c}>
              {label(c)}
            </option>
          ))}
      </select>
      <p className="muted">
        Everything you send shares it, streams you relay for others included: less upload means
        smaller pictures, not frozen ones.
      </p>
    </div>
  );
}
