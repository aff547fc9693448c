import { type FormEvent, useState } from 'react';
import { useT } from '../../i18n/useT';
import { newRoomName, toRoomId } from '../../routing/roomName';
import { navigate, roomPath } from '../../routing/route';
import { LanguageSelect } from '../language/LanguageSelect';

/** Start a new room or type the name of one. */
export function HomePage() {
  const [name, setName] = useState('');
  const [invalid, setInvalid] = useState(false);
  const t = useT().home;

  const open = (event: FormEvent) => {
    event.preventDefault();
    const id = toRoomId(name);
    if (!id) {
      setInvalid(true);
      return;
    }
    navigate(roomPath(id));
  };

  return (
    <main className="home">
      <section className="card home-card">
        <h1 className="brand">Meshwork</h1>
        <p className="muted">{t.tagline}</p>
        <button
          type="button"
          className="btn btn-primary btn-wide"
          onClick={() => void newRoomName().then((name) => navigate(roomPath(name)))}
        >
          {t.start}
        </button>
        <div className="divider">{t.or}</div>
        <form className="row" onSubmit={open} noValidate>
          <label className="sr-only" htmlFor="room-name">
            {t.roomName}
          </label>
          <input
            id="room-name"
            className="input"
            placeholder={t.roomPlaceholder}
            value={name}
            autoComplete="off"
            aria-invalid={invalid}
            aria-describedby={invalid ? 'room-name-error' : undefined}
            onChange={(e) => {
              setName(e.target.value);
              setInvalid(false);
            }}
          />
          <button type="submit" className="btn">
            {t.open}
          </button>
        </form>
        {invalid && (
          <p id="room-name-error" className="error" role="alert">
            {t.badName}
          </p>
        )}
        <p className="muted">
          {t.noServer}{' '}
          <a
            href="/p2p"
            onClick={(e) => {
              e.preventDefault();
              navigate('/p2p');
            }}
          >
            {t.p2pLink}
          </a>
        </p>
        <LanguageSelect id="home-language" />
      </section>
    </main>
  );
}
