import { type FormEvent, useState } from 'react';
import { newRoomName, toRoomId } from '../../routing/roomName';
import { navigate, roomPath } from '../../routing/route';

/** Start a new room or type the name of one. */
export function HomePage() {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  const open = (event: FormEvent) => {
    event.preventDefault();
    const id = toRoomId(name);
    if (!id) {
      setError('Type a room name using letters or digits.');
      return;
    }
    navigate(roomPath(id));
  };

  return (
    <main className="home">
      <section className="card home-card">
        <h1 className="brand">Meshwork</h1>
        <p className="muted">
          Video calls that link browsers directly, as a full mesh, a star or a ring.
        </p>
        <button
          type="button"
          className="btn btn-primary btn-wide"
          onClick={() => void newRoomName().then((name) => navigate(roomPath(name)))}
        >
          Start a new room
        </button>
        <div className="divider">or</div>
        <form className="row" onSubmit={open} noValidate>
          <label className="sr-only" htmlFor="room-name">
            Room name
          </label>
          <input
            id="room-name"
            className="input"
            placeholder="Room name or invite link"
            value={name}
            autoComplete="off"
            aria-invalid={error !== null}
            aria-describedby={error ? 'room-name-error' : undefined}
            onChange={(e) => {
              setName(e.target.value);
              setError(null);
            }}
          />
          <button type="submit" className="btn">
            Open room
          </button>
        </form>
        {error && (
          <p id="room-name-error" className="error" role="alert">
            {error}
          </p>
        )}
        <p className="muted">
          Two people, no server at all?{' '}
          <a
            href="/p2p"
            onClick={(e) => {
              e.preventDefault();
              navigate('/p2p');
            }}
          >
            Call without a server
          </a>
        </p>
      </section>
    </main>
  );
}
