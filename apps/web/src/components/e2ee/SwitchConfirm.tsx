import { useFormat, useT } from '../../i18n/useT';
import type { PendingSwitch } from './useGuardedTopology';

/** Asks before a topology switch ends end-to-end encryption (SPEC [P31]). */
export function SwitchConfirm({
  pending,
  confirm,
  cancel,
}: {
  pending: PendingSwitch;
  confirm: () => void;
  cancel: () => void;
}) {
  const m = useT();
  const f = useFormat();
  const S = m.e2ee;
  return (
    <div
      className="e2ee-confirm card"
      role="alertdialog"
      aria-labelledby="e2ee-confirm-title"
      aria-describedby="e2ee-confirm-body"
    >
      <h3 id="e2ee-confirm-title">{S.confirmTitle}</h3>
      <p id="e2ee-confirm-body">
        {S.confirmBody(
          (pending.topology === 'auto'
            ? m.auto.label
            : m.common.topology[pending.topology]
          ).toLowerCase(),
          f.list(pending.decoders),
        )}
      </p>
      <div className="row">
        {/* biome-ignore lint/a11y/noAutofocus: the safe choice takes focus in an alert dialog */}
        <button type="button" className="btn" autoFocus onClick={cancel}>
          {S.confirmCancel}
        </button>
        <button type="button" className="btn btn-danger" onClick={confirm}>
          {S.confirmSwitch}
        </button>
      </div>
    </div>
  );
}
