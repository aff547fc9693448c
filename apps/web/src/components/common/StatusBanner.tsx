import { ERROR_MESSAGES, isErrorCode } from '@meshwork/protocol';
import { useMemo } from 'react';
import { useCountdown } from '../../hooks/useCountdown';
import type { SessionStatusChange } from '../../session/types';
import { useAppStore } from '../../store/StoreContext';

/** A readable reason for a status change. */
export function reasonText(detail: SessionStatusChange | null): string | null {
  if (!detail) return null;
  if (detail.error === 'ERR_UNREACHABLE') return 'The signal server cannot be reached.';
  if (detail.error && isErrorCode(detail.error)) return ERROR_MESSAGES[detail.error];
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

  if (status === 'connecting') {
    return (
      <div className="banner banner-info" role="status">
        <span className="spinner" aria-hidden="true" /> Connecting…
      </div>
    );
  }
  if (status !== 'reconnecting') return null;
  const reason = reasonText(detail) ?? 'The connection to the server was lost.';
  const unreachable = detail?.error === 'ERR_UNREACHABLE';
  return (
    <div className="banner banner-warn" role="status">
      <strong>{unreachable ? 'Signal server unreachable.' : 'Reconnecting…'}</strong> {reason}{' '}
      {seconds !== null && seconds > 0 ? `Retrying in ${seconds} s` : 'Retrying now'}
      {detail?.attempt !== undefined ? ` (attempt ${detail.attempt})` : ''}. Calls already running
      keep going peer to peer.
      {seconds !== null && seconds > 0 && (
        <button type="button" className="btn btn-small" onClick={retryNow}>
          Retry now
        </button>
      )}
    </div>
  );
}
