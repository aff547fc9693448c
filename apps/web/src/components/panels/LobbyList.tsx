import { useRoomRole } from '../../hooks/useRoomRole';
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
  if (lobby.length === 0) return null;

  return (
    <section className="lobby" aria-labelledby="lobby-title">
      <h3 id="lobby-title">Waiting to join ({lobby.length})</h3>
      <ul className="people" aria-label="Waiting to join">
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
                  aria-label={`Let ${w.displayName} in`}
                  onClick={() => void answer(w.id, true)}
                >
                  Let in
                </button>
                <button
                  type="button"
                  className="btn btn-small btn-danger"
                  aria-label={`Turn ${w.displayName} away`}
                  onClick={() => void answer(w.id, false)}
                >
                  Decline
                </button>
              </span>
            ) : (
              <span className="muted">waiting for the host</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
