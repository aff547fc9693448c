import { isolate } from '../../format/bidi';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/StoreContext';
import { Isolated } from '../common/Isolated';

/** In the room's lobby (SPEC [P25]): nothing of the room is shown until the host lets this person in. */
export function WaitingScreen({ roomId }: { roomId: string }) {
  const leave = useAppStore((s) => s.leave);
  const m = useT();
  return (
    <main className="home">
      <section className="card home-card" aria-labelledby="waiting-title">
        <h1 id="waiting-title">{m.room.waitingTitle}</h1>
        <p className="muted" role="status">
          <Isolated text={m.room.waitingText(isolate(roomId))} />
        </p>
        <button type="button" className="btn" onClick={() => void leave()}>
          {m.common.cancel}
        </button>
      </section>
    </main>
  );
}
