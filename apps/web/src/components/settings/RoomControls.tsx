import type { ControlPolicy } from '@meshwork/protocol';
import { useRoomRole } from '../../hooks/useRoomRole';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/StoreContext';
import { PasswordControl } from './PasswordControl';

const POLICIES: readonly { value: ControlPolicy; label: 'everyone' | 'hostOnly' }[] = [
  { value: 'everyone', label: 'everyone' },
  { value: 'host', label: 'hostOnly' },
];

/**
 * The host's room controls (SPEC [P15]): who may change topology and hub, the lock, and the
 * password. Each shows the room's setting as the server last said, so a refused change never
 * looks applied. Nobody else sees them.
 */
export function RoomControls() {
  const { isHost } = useRoomRole();
  const settings = useAppStore((s) => s.room?.settings);
  const updateRoom = useAppStore((s) => s.updateRoom);
  const t = useT().settings;
  if (!settings || !isHost) return null;

  return (
    <section className="room-controls" aria-labelledby="room-controls-title">
      <h3 id="room-controls-title">{t.roomTitle}</h3>
      <fieldset>
        <legend>{t.whoControls}</legend>
        <div role="radiogroup" aria-label={t.whoControls} className="row">
          {POLICIES.map((p) => (
            <label key={p.value}>
              <input
                type="radio"
                name="control-policy"
                value={p.value}
                checked={settings.controlPolicy === p.value}
                onChange={() => void updateRoom({ controlPolicy: p.value })}
              />{' '}
              {t[p.label]}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="field-inline">
        <input
          type="checkbox"
          checked={settings.locked}
          onChange={(e) => void updateRoom({ locked: e.target.checked })}
        />{' '}
        {t.lock}
      </label>
      <label className="field-inline">
        <input
          type="checkbox"
          checked={settings.lobby}
          onChange={(e) => void updateRoom({ lobby: e.target.checked })}
        />{' '}
        {t.lobby}
      </label>
      <PasswordControl protectedRoom={settings.passwordProtected} />
    </section>
  );
}
