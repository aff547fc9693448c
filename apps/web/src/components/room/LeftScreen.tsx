import { useT } from '../../i18n/useT';
import { navigate } from '../../routing/route';

/** After leaving: rejoin the same room or go home. */
export function LeftScreen({ onRejoin }: { onRejoin: () => void }) {
  const m = useT();
  return (
    <main className="home">
      <section className="card home-card">
        <h1>{m.room.left}</h1>
        <div className="row">
          <button type="button" className="btn btn-primary" onClick={onRejoin}>
            {m.room.rejoin}
          </button>
          <button type="button" className="btn" onClick={() => navigate('/')}>
            {m.common.backToStart}
          </button>
        </div>
      </section>
    </main>
  );
}
