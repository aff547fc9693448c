import { useFormat, useT } from '../../i18n/useT';
import { useAppStore } from '../../store/StoreContext';
import { UPLINK_CHOICES } from '../../store/slices/uplinkSlice';

/**
 * How much upload the call may use: every video and audio stream this person sends, relayed
 * ones included, shares it (smaller pictures when it is thin).
 */
export function UplinkBudgetSelect() {
  const kbps = useAppStore((s) => s.uplinkKbps);
  const setBudget = useAppStore((s) => s.setUplinkBudget);
  const t = useT().settings;
  const f = useFormat();
  const choices = UPLINK_CHOICES.includes(kbps) ? UPLINK_CHOICES : [...UPLINK_CHOICES, kbps];
  return (
    <div className="field">
      <label htmlFor="uplink-budget">{t.uploadBudget}</label>
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
              {f.bitrate(c)}
            </option>
          ))}
      </select>
      <p className="muted">{t.uploadHint}</p>
    </div>
  );
}
