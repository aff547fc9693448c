import type { PeerInfo } from '@meshwork/protocol';
import { useRoomRole } from '../../hooks/useRoomRole';
import { useAppStore } from '../../store/StoreContext';
import { Name } from '../common/Name';

/** What to say about a person beside their name: hub, media and connection state. */
function tagsOf(p: PeerInfo, hub: boolean): string[] {
  return [
    hub ? 'hub' : null,
    p.media.audio ? null : 'muted',
    p.media.video ? null : 'camera off',
    p.media.screen ? 'sharing screen' : null,
    p.connected ? null : 'reconnecting',
  ].filter((t): t is string => t !== null);
}

/**
 * One person in the people panel: name (bidi-isolated), a Host mark, a raised hand with its place
 * in line, their state, and for the host the per-person Lower hand, Remove and Make host actions
 * (the server checks the role again).
 */
export function PersonRow({ person, self }: { person: PeerInfo; self: boolean }) {
  const hostId = useAppStore((s) => s.room?.settings.hostId ?? null);
  const { isHost: iHost } = useRoomRole();
  const hub = useAppStore((s) => s.plan?.hub ?? null);
  const removePeer = useAppStore((s) => s.removePeer);
  const transferHost = useAppStore((s) => s.transferHost);
  const lowerHand = useAppStore((s) => s.lowerHand);
  const hand = useAppStore((s) => s.hands.indexOf(person.id) + 1);
  const isHost = person.id === hostId;
  const tags = tagsOf(person, person.id === hub);

  return (
    <li data-peer={person.id}>
      <span className="person-name">
        <Name>{person.displayName}</Name>
        {self ? ' (you)' : ''}
        {isHost && <span className="role-badge">Host</span>}
        {hand > 0 && (
          <span className="hand-badge" role="img" aria-label={`Hand raised (${hand} in line)`}>
            ✋ {hand}
          </span>
        )}
      </span>
      {tags.length > 0 && <span className="muted">{tags.join(' · ')}</span>}
      {iHost && !self && (
        <span className="person-actions">
          {hand > 0 && (
            <button
              type="button"
              className="btn btn-small"
              aria-label={`Lower ${person.displayName}'s hand`}
              onClick={() => void lowerHand(person.id)}
            >
              Lower hand
            </button>
          )}
          <button
            type="button"
            className="btn btn-small"
            aria-label={`Make ${person.displayName} host`}
            onClick={() => void transferHost(person.id)}
          >
            Make host
          </button>
          <button
            type="button"
            className="btn btn-small btn-danger"
            aria-label={`Remove ${person.displayName}`}
            onClick={() => void removePeer(person.id)}
          >
            Remove
          </button>
        </span>
      )}
    </li>
  );
}
