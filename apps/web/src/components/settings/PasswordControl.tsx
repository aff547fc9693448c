import { LIMITS } from '@meshwork/protocol';
import { type FormEvent, useState } from 'react';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/StoreContext';

/** For the host: set, change or clear the room's password. */
export function PasswordControl({ protectedRoom }: { protectedRoom: boolean }) {
  const updateRoom = useAppStore((s) => s.updateRoom);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const t = useT().settings;

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
        {protectedRoom ? t.changePasswordLabel : t.setPasswordLabel}
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
          {protectedRoom ? t.changePassword : t.setPassword}
        </button>
      </div>
      {protectedRoom && (
        <button
          type="button"
          className="btn btn-ghost"
          disabled={busy}
          onClick={() => void updateRoom({ password: null })}
        >
          {t.removePassword}
        </button>
      )}
      <p className="muted small">{protectedRoom ? t.passwordOn : t.passwordOff}</p>
    </form>
  );
}
