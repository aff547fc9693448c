import { Fragment } from 'react';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/StoreContext';
import { Name } from '../common/Name';

/**
 * The header's red dot for everyone in the room while anyone records (SPEC [P29]), with who:
 * "Recording · Ana, you". Starts and stops are announced by the feed, so this stays quiet.
 */
export function RecordingIndicator() {
  const recorders = useAppStore((s) => s.recorders);
  const self = useAppStore((s) => s.room?.selfId);
  const names = useAppStore((s) => s.names);
  const m = useT();
  const S = m.recording;
  if (recorders.length === 0) return null;
  const who = recorders.map((id) => (id === self ? null : (names.get(id) ?? m.common.someone)));
  const label =
    recorders.length === 1 && who[0] === null
      ? S.youRecord
      : S.titled(who.map((n) => n ?? S.you).join(S.separator));
  return (
    <p className="recording-indicator" title={label} data-recorders={recorders.length}>
      <span className="recording-dot" aria-hidden="true" />
      <span>
        {S.indicator} ·{' '}
        {who.map((name, i) => (
          <Fragment key={recorders[i]}>
            {i > 0 ? S.separator : ''}
            {name === null ? S.you : <Name>{name}</Name>}
          </Fragment>
        ))}
      </span>
    </p>
  );
}
