import type { PeerInfo } from '@meshwork/protocol';
import { useRoomRole } from '../../hooks/useRoomRole';
import type { Messages } from '../../i18n/messages';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/StoreContext';
import { isMediaServer } from '../../topology/cost';
import { Name } from '../common/Name';

/** What to say about a person beside their name: hub, media and connection state. */
function tagsOf(p: PeerInfo, hub: boolean, t: Messages['panels']['tag']): string[] {
  // A media hub has no camera or microphone to be off: only what it does, and whether it is there.
  if (isMediaServer(p)) return [t.mediaServer, p.connected ? null : t.reconnecting].filter(isText);
  return [
    hub ? t.hub : null,
    p.media.audio ? null : t.muted,
    p.media.video ? null : t.cameraOff,
    p.media.screen ? t.sharing : null,
    p.connected ? null : t.reconnecting,
  ].filter(isText);
}

const isText = (t: string | null): t is string => t !== null;

/**
 * One person in the people panel: name (bidi-isolated), a Host mark, a raised hand with its place
 * in line, their state, and for the host the per-person Lower hand, Remove and Make host actions
 * (the server checks the role again). A media hub is listed for what it does, with no actions:
 * a server is not someone to hand the room to or to remove.
 */
export function PersonRow({ person, self }: { person: PeerInfo; self: boolean }) {
  const hostId = useAppStore((s) => s.room?.settings.hostId ?? null);
  const { isHost: iHost } = useRoomRole();
  const hub = useAppStore((s) => s.plan?.hub ?? null);
  const removePeer = useAppStore((s) => s.removePeer);
  const transferHost = useAppStore((s) => s.transferHost);
  const lowerHand = useAppStore((s) => s.lowerHand);
  const hand = useAppStore((s) => s.hands.indexOf(person.id) + 1);
  const m = useT();
  const t = m.panels;
  const isHost = person.id === hostId;
  const tags = tagsOf(person, person.id === hub, t.tag);

  return (
    <li data-peer={person.id}>
      <span className="person-name">
        <Name>{person.displayName}</Name>
        {self ? m.common.youSuffix : ''}
        {isHost && <span className="role-badge">{t.host}</span>}
        {hand > 0 && (
          <span className="hand-badge" role="img" aria-label={m.call.handInLine(hand)}>
            ✋ {hand}
          </span>
        )}
      </span>
      {tags.length > 0 && <span className="muted">{tags.join(' · ')}</span>}
      {iHost && !self && !isMediaServer(person) && (
        <span className="person-actions">
          {hand > 0 && (
            <button
              type="button"
              className="btn btn-small"
              aria-label={t.lowerHandOf(person.displayName)}
              onClick={() => void lowerHand(person.id)}
            >
              {t.lowerHand}
            </button>
          )}
          <button
            type="button"
            className="btn btn-small"
            aria-label={t.makeHostOf(person.displayName)}
            onClick={() => void transferHost(person.id)}
          >
            {t.makeHost}
          </button>
          <button
            type="button"
            className="btn btn-small btn-danger"
            aria-label={t.removeOf(person.displayName)}
            onClick={() => void removePeer(person.id)}
          >
            {t.remove}
          </button>
        </span>
      )}
    </li>
  );
}
