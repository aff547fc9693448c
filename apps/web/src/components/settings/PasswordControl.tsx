import { LIMITS } from '@meshwork/protocol';
import { type FormEvent, useState } from 'react';
import { useAppStore } from '../../store/StoreContext';

/** For the host: set, change or clear the room's password. */
export function PasswordControl({ protectedRoom }: { protectedRoom: boolean }) {
  const updateRoom = useAppStore((s) => s.updateRoom);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!password || busy) return;
    setBusy(true);
    const ok = await updateRoom({ password });
    setBusy(false);
    if (ok) setPassword('');
  };

  return (
    <form className="field" onSubmit={(e) => void submit(e)}>
      <label htmlFor="room-new-password">
        {protectedRoom ? 'Change the room password' : 'Set a room password'}
      </label>
      <div className="row">
        <input
          id="room-new-password"
          className="input"
          type="password"
          autoComplete="new-password"
          value={password}
          maxLength={LIMITS.passwordMaxChars}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" className="btn" disabled={!password || busy}>
          {protectedRoom ? 'Change password' : 'Set password'}
        </button>
      </div>
      {protectedRoom && (
        <button
          type="button"
          className="btn btn-ghost"
          disabled={busy}
          onClick={() => void updateRoom({ password: null })}
        >
          Remove password
        </button>
      )}
      <p className="muted small">
        {protectedRoom ? 'Joining needs the password.' : 'Anyone with the link can join.'}
      </p>
    </form>
  );
}
