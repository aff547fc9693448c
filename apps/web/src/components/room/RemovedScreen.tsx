import { useT } from '../../i18n/useT';
import { navigate } from '../../routing/route';

/** After the host removed this person: no rejoin offered, the server retired their id. */
export function RemovedScreen() {
  const m = useT();
  return (
    <main className="home">
      <section className="card home-card">
        <h1>{m.room.removed}</h1>
        <button type="button" className="btn btn-primary" onClick={() => navigate('/')}>
          {m.common.backToStart}
        </button>
      </section>
    </main>
  );
}
