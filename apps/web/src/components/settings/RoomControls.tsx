import type { ControlPolicy } from '@meshwork/protocol';
import { useRoomRole } from '../../hooks/useRoomRole';
import { useAppStore } from '../../store/StoreContext';
import { PasswordControl } from './PasswordControl';

const POLICIES: readonly { value: ControlPolicy; label: string }[] = [
  { value: 'everyone', label: 'Everyone' },
  { value: 'host', label: 'Host only' },
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
  if (!settings || !isHost) return null;

  return (
    <section className="room-controls" aria-labelledby="room-controls-title">
      <h3 id="room-controls-title">Room (you are the host)</h3>
      <fieldset>
        <legend>Who can change topology and hub</legend>
        <div role="radiogroup" aria-label="Who can change topology and hub" className="row">
          {POLICIES.map((p) => (
            <label key={p.value}>
              <input
                type="radio"
                name="control-policy"
                value={p.value}
                checked={settings.controlPolicy === p.value}
                onChange={() => void updateRoom({ controlPolicy: p.value })}
              />{' '}
              {p.label}
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
        Lock the room (no one new can join)
      </label>
      <label className="field-inline">
        <input
          type="checkbox"
          checked={settings.lobby}
          onChange={(e) => void updateRoom({ lobby: e.target.checked })}
        />{' '}
        Lobby (newcomers wait until you let them in)
      </label>
      <PasswordControl protectedRoom={settings.passwordProtected} />
    </section>
  );
}
