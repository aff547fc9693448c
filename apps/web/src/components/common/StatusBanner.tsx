import { useMemo } from 'react';
import { useCountdown } from '../../hooks/useCountdown';
import { errorText } from '../../i18n/errorText';
import type { Messages } from '../../i18n/messages';
import { useFormat, useT } from '../../i18n/useT';
import type { SessionStatusChange } from '../../session/types';
import { useAppStore } from '../../store/StoreContext';

/** A readable reason for a status change, in the catalogue's language. */
export function reasonText(detail: SessionStatusChange | null, m: Messages): string | null {
  if (!detail) return null;
  if (detail.error === 'ERR_UNREACHABLE') return m.room.unreachable;
  if (detail.error) return errorText(m, detail.error);
  return detail.message ?? null;
}

/** Connecting, reconnecting (with the reason and the retry countdown) and unreachable states. */
export function StatusBanner() {
  const status = useAppStore((s) => s.status);
  const detail = useAppStore((s) => s.statusDetail);
  const deadline = useMemo(
    () => (detail?.retryInMs === undefined ? null : Date.now() + detail.retryInMs),
    [detail],
  );
  const seconds = useCountdown(status === 'reconnecting' ? deadline : null);
  const retryNow = useAppStore((s) => s.retryNow);
  const m = useT();
  const f = useFormat();
  const t = m.room;

  if (status === 'connecting') {
    return (
      <div className="banner banner-info" role="status">
        <span className="spinner" aria-hidden="true" /> {m.common.connecting}
      </div>
    );
  }
  if (status !== 'reconnecting') return null;
  const reason = reasonText(detail, m) ?? t.lost;
  const unreachable = detail?.error === 'ERR_UNREACHABLE';
  return (
    <div className="banner banner-warn" role="status">
      <strong>{unreachable ? t.unreachableTitle : m.common.reconnecting}</strong> {reason}{' '}
      {seconds !== null && seconds > 0 ? t.retryingIn(f.inSeconds(seconds)) : t.retryingNow}
      {detail?.attempt !== undefined ? t.attempt(detail.attempt) : ''}
      {t.keepsGoing}
      {seconds !== null && seconds > 0 && (
        <button type="button" className="btn btn-small" onClick={retryNow}>
          {t.retryNow}
        </button>
      )}
    </div>
  );
}
