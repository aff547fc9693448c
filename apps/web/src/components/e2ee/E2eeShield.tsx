import { useFormat, useT } from '../../i18n/useT';
import { useE2eeView } from './useE2eeView';

/**
 * The header's shield (SPEC [P31]): "End-to-end encrypted" only when the room encrypts, this
 * page's frames are encrypted and no browser decodes anyone's video to relay it.
 */
export function E2eeShield() {
  const m = useT();
  const f = useFormat();
  const S = m.e2ee;
  const view = useE2eeView();
  if (view.shield === 'off') return null;
  const [label, hint] =
    view.shield === 'encrypted'
      ? [S.shieldEncrypted, S.shieldEncryptedHint]
      : view.shield === 'relayed'
        ? [S.shieldRelayed, S.shieldRelayedHint(f.list(view.roomDecoders))]
        : [S.shieldPending, view.unsupported ? S.shieldUnsupported : S.shieldPendingHint];
  return (
    <p className={`e2ee-shield e2ee-${view.shield}`} data-e2ee={view.shield} title={hint}>
      <span aria-hidden="true">{view.shield === 'encrypted' ? '🛡' : '⚠'}</span> {label}
      <span className="sr-only">: {hint}</span>
    </p>
  );
}
