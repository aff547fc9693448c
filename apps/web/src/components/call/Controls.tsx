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
  /** What the badge counts, for screen readers. */
  badgeOf?: string;
  expanded?: boolean;
}

function Control(props: ControlProps) {
  const { icon, label, onClick, active, danger, badge, badgeOf = 'unread', expanded } = props;
  return (
    <button
      type="button"
      className={`btn btn-round${active ? ' btn-active' : ''}${danger ? ' btn-danger' : ''}`}
      aria-label={badge ? `${label} (${badge} ${badgeOf})` : label}
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

  return (
    <nav className="controls" aria-label="Call controls">
      <MediaToggles />
      <Control
        icon="screen"
        label={screen ? 'Stop sharing screen' : 'Share screen'}
        active={screen}
        onClick={() => void toggleScreenShare()}
      />
      <ReactionBar />
      <RecordButton />
      <Control
        icon="chat"
        label={panel === 'chat' ? 'Close chat' : 'Open chat'}
        active={panel === 'chat'}
        expanded={panel === 'chat'}
        badge={unread}
        onClick={() => togglePanel('chat')}
      />
      <Control
        icon="file"
        label={panel === 'files' ? 'Close files' : 'Send a file'}
        active={panel === 'files'}
        expanded={panel === 'files'}
        onClick={() => togglePanel('files')}
      />
      <Control
        icon="people"
        label={panel === 'participants' ? 'Close participants' : 'Participants'}
        active={panel === 'participants'}
        expanded={panel === 'participants'}
        badge={waiting}
        badgeOf="waiting to join"
        onClick={() => togglePanel('participants')}
      />
      <Control icon="settings" label="Settings" onClick={() => setSettingsOpen(true)} />
      <Control icon="link" label="Copy invite link" onClick={() => void copyInvite()} />
      <Control icon="leave" label="Leave" danger onClick={() => void leave()} />
    </nav>
  );
}
