import { useRoomRole } from '../../hooks/useRoomRole';
import { useFormat, useT } from '../../i18n/useT';
import { useAppStore } from '../../store/StoreContext';
import { useE2eeView } from './useE2eeView';

/**
 * The room's "End-to-end encryption" switch (SPEC [P31]). A room setting the host turns on, not a
 * per-person choice: one person opting out would leave everyone else's view of the shield wrong,
 * and everyone sees the same state. Others see it, disabled.
 */
export function E2eeSetting() {
  const m = useT();
  const f = useFormat();
  const S = m.e2ee;
  const on = useAppStore((s) => s.room?.settings.e2ee === true);
  const set = useAppStore((s) => s.setEndToEndEncryption);
  const { isHost } = useRoomRole();
  const view = useE2eeView();
  return (
    <section className="e2ee-setting" aria-labelledby="e2ee-setting-title">
      <h3 id="e2ee-setting-title">{S.settingLabel}</h3>
      <label className="field-inline">
        <input
          id="e2ee-setting-toggle"
          type="checkbox"
          checked={on}
          disabled={!isHost}
          aria-describedby="e2ee-setting-hint"
          onChange={(e) => void set(e.target.checked)}
        />{' '}
        {S.settingLabel}
      </label>
      <p className="muted small" id="e2ee-setting-hint">
        {S.settingHint} {isHost ? '' : S.settingHostOnly}
      </p>
      {on && view.shield === 'relayed' && (
        <p className="small" role="status">
          {S.shieldRelayedHint(f.list(view.roomDecoders))}
        </p>
      )}
      {on && view.unsupported && <p className="small error">{S.shieldUnsupported}</p>}
    </section>
  );
}
