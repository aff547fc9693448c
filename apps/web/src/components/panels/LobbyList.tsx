import { useRoomRole } from '../../hooks/useRoomRole';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/StoreContext';
import { Name } from '../common/Name';

/**
 * Who waits in the lobby, in the order they asked (SPEC [P25]). The host lets each in or turns
 * them away; everyone else sees who waits. Nothing shows while no one waits.
 */
export function LobbyList() {
  const lobby = useAppStore((s) => s.lobby);
  const answer = useAppStore((s) => s.answerLobby);
  const { isHost } = useRoomRole();
  const t = useT().panels;
  if (lobby.length === 0) return null;

  return (
    <section className="lobby" aria-labelledby="lobby-title">
      <h3 id="lobby-title">{t.waitingCount(lobby.length)}</h3>
      <ul className="people" aria-label={t.waiting}>
        {lobby.map((w) => (
          <li key={w.id} data-waiter={w.id}>
            <span className="person-name">
              <Name>{w.displayName}</Name>
            </span>
            {isHost ? (
              <span className="person-actions">
                <button
                  type="button"
                  className="btn btn-small btn-primary"
                  aria-label={t.letInOf(w.displayName)}
                  onClick={() => void answer(w.id, true)}
                >
                  {t.letIn}
                </button>
                <button
                  type="button"
                  className="btn btn-small btn-danger"
                  aria-label={t.turnAwayOf(w.displayName)}
                  onClick={() => void answer(w.id, false)}
                >
                  {t.decline}
                </button>
              </span>
            ) : (
              <span className="muted">{t.waitingForHost}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
