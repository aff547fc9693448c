import { navigate } from '../../routing/route';

/** After the host removed this person: no rejoin offered, the server retired their id. */
export function RemovedScreen() {
  return (
    <main className="home">
      <section className="card home-card">
        <h1>The host removed you from the room.</h1>
        <button type="button" className="btn btn-primary" onClick={() => navigate('/')}>
          Back to start
        </button>
      </section>
    </main>
  );
}
