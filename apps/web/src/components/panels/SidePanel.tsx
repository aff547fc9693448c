import { useAppStore } from '../../store/StoreContext';
import type { Panel } from '../../store/types';
import { ChatPanel } from './ChatPanel';
import { FilesPanel } from './FilesPanel';
import { ParticipantsPanel } from './ParticipantsPanel';

const TITLES = { chat: 'Chat', files: 'Files', participants: 'Participants' } as const;

/** The side panel beside the grid (loaded lazily: not needed for the first paint). */
export default function SidePanel({ panel }: { panel: Exclude<Panel, null> }) {
  const close = useAppStore((s) => s.closePanel);
  return (
    <aside className="panel" aria-labelledby="panel-title">
      <header className="panel-header">
        <h2 id="panel-title">{TITLES[panel]}</h2>
        <button
          type="button"
          className="btn btn-ghost"
          aria-label={`Close ${TITLES[panel].toLowerCase()}`}
          onClick={close}
        >
          ✕
        </button>
      </header>
      {panel === 'chat' && <ChatPanel />}
      {panel === 'files' && <FilesPanel />}
      {panel === 'participants' && <ParticipantsPanel />}
    </aside>
  );
}
