import { navigate } from '../../routing/route';

/** After leaving: rejoin the same room or go home. */
export function LeftScreen({ onRejoin }: { onRejoin: () => void }) {
  return (
    <main className="home">
      <section className="card home-card">
        <h1>You left the room</h1>
        <div className="row">
          <button type="button" className="btn btn-primary" onClick={onRejoin}>
            Rejoin
          </button>
          <button type="button" className="btn" onClick={() => navigate('/')}>
            Back to start
          </button>
        </div>
      </section>
    </main>
  );
}
