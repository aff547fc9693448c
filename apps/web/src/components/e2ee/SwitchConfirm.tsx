import { E2EE_STRINGS as S } from '../../e2ee/strings';
import { TOPOLOGY_LABELS } from '../../labels';
import { AUTO_STRINGS } from '../auto/strings';
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
            ? AUTO_STRINGS.label
            : TOPOLOGY_LABELS[pending.topology]
          ).toLowerCase(),
          pending.decoders.join(', '),
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
