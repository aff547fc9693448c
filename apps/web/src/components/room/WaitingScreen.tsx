import { useAppStore } from '../../store/StoreContext';

/** In the room's lobby (SPEC [P25]): nothing of the room is shown until the host lets this person in. */
export function WaitingScreen({ roomId }: { roomId: string }) {
  const leave = useAppStore((s) => s.leave);
  return (
    <main className="home">
      <section className="card home-card" aria-labelledby="waiting-title">
        <h1 id="waiting-title">Waiting for the host to let you in</h1>
        <p className="muted" role="status">
          You asked to join <strong>{roomId}</strong>. The room has a lobby: you will join as soon
          as the host lets you in.
        </p>
        <button type="button" className="btn" onClick={() => void leave()}>
          Cancel
        </button>
      </section>
    </main>
  );
}
