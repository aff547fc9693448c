import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/StoreContext';
import type { Panel } from '../../store/types';
import { ChatPanel } from './ChatPanel';
import { FilesPanel } from './FilesPanel';
import { ParticipantsPanel } from './ParticipantsPanel';

/** The side panel beside the grid (loaded lazily: not needed for the first paint). */
export default function SidePanel({ panel }: { panel: Exclude<Panel, null> }) {
  const close = useAppStore((s) => s.closePanel);
  const t = useT().panels;
  return (
    <aside className="panel" aria-labelledby="panel-title">
      <header className="panel-header">
        <h2 id="panel-title">{t.title[panel]}</h2>
        <button type="button" className="btn btn-ghost" aria-label={t.close[panel]} onClick={close}>
          ✕
        </button>
      </header>
      {panel === 'chat' && <ChatPanel />}
      {panel === 'files' && <FilesPanel />}
      {panel === 'participants' && <ParticipantsPanel />}
    </aside>
  );
}
