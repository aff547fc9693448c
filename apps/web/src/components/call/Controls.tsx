import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/StoreContext';
import { Icon, type IconName } from '../common/Icon';
import { MediaToggles } from '../prejoin/MediaToggles';
import { RecordButton } from '../recording/RecordButton';
import { ReactionBar } from './ReactionBar';

interface ControlProps {
  icon: IconName;
  label: string;
  onClick: () => void;
  active?: boolean;
  danger?: boolean;
  badge?: number;
  /** The accessible name with the badge's count, for screen readers. */
  withBadge?: (label: string, n: number) => string;
  expanded?: boolean;
}

function Control(props: ControlProps) {
  const { icon, label, onClick, active, danger, badge, withBadge, expanded } = props;
  return (
    <button
      type="button"
      className={`btn btn-round${active ? ' btn-active' : ''}${danger ? ' btn-danger' : ''}`}
      aria-label={badge && withBadge ? withBadge(label, badge) : label}
      title={label}
      aria-expanded={expanded}
      onClick={onClick}
    >
      <Icon name={icon} />
      {badge ? (
        <span className="badge" aria-hidden="true">
          {badge}
        </span>
      ) : null}
    </button>
  );
}

/** The call's control bar; every button names what it does. */
export function Controls() {
  const screen = useAppStore((s) => s.local.screen !== null);
  const panel = useAppStore((s) => s.panel);
  const unread = useAppStore((s) => s.unreadChat);
  const waiting = useAppStore((s) => s.lobby.length);
  const toggleScreenShare = useAppStore((s) => s.toggleScreenShare);
  const togglePanel = useAppStore((s) => s.togglePanel);
  const setSettingsOpen = useAppStore((s) => s.setSettingsOpen);
  const copyInvite = useAppStore((s) => s.copyInvite);
  const leave = useAppStore((s) => s.leave);
  const t = useT().call;

  return (
    <nav className="controls" aria-label={t.controls}>
      <MediaToggles />
      <Control
        icon="screen"
        label={screen ? t.stopShare : t.shareScreen}
        active={screen}
        onClick={() => void toggleScreenShare()}
      />
      <ReactionBar />
      <RecordButton />
      <Control
        icon="chat"
        label={panel === 'chat' ? t.closeChat : t.openChat}
        active={panel === 'chat'}
        expanded={panel === 'chat'}
        badge={unread}
        withBadge={t.unread}
        onClick={() => togglePanel('chat')}
      />
      <Control
        icon="file"
        label={panel === 'files' ? t.closeFiles : t.sendFile}
        active={panel === 'files'}
        expanded={panel === 'files'}
        onClick={() => togglePanel('files')}
      />
      <Control
        icon="people"
        label={panel === 'participants' ? t.closeParticipants : t.participants}
        active={panel === 'participants'}
        expanded={panel === 'participants'}
        badge={waiting}
        withBadge={t.waitingBadge}
        onClick={() => togglePanel('participants')}
      />
      <Control icon="settings" label={t.settings} onClick={() => setSettingsOpen(true)} />
      <Control icon="link" label={t.copyInvite} onClick={() => void copyInvite()} />
      <Control icon="leave" label={t.leave} danger onClick={() => void leave()} />
    </nav>
  );
}
