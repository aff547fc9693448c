import { withAnnouncements } from '../announcements';
import type { StoreDeps } from '../deps';
import type { AppStore, GetStore, SetStore } from '../types';

/** Panels, the settings dialog, announcements and the invite link. */
export type UiSlice = Pick<
  AppStore,
  | 'panel'
  | 'settingsOpen'
  | 'announcements'
  | 'lastAnnouncementId'
  | 'togglePanel'
  | 'closePanel'
  | 'setSettingsOpen'
  | 'announce'
  | 'dismissAnnouncement'
  | 'copyInvite'
>;

/** Creates the UI slice; the clipboard and the invite link come from the deps. */
export function createUiSlice(set: SetStore, get: GetStore, deps: StoreDeps): UiSlice {
  return {
    panel: null,
    settingsOpen: false,
    announcements: [],
    lastAnnouncementId: 0,

    togglePanel(panel) {
      const open = get().panel === panel ? null : panel;
      set({ panel: open, ...(open === 'chat' ? { unreadChat: 0 } : {}) });
    },
    closePanel() {
      set({ panel: null });
    },
    setSettingsOpen(settingsOpen) {
      set({ settingsOpen });
    },
    announce(text) {
      set(withAnnouncements(get(), [text]));
    },
    dismissAnnouncement(id) {
      set({ announcements: get().announcements.filter((a) => a.id !== id) });
    },
    async copyInvite() {
      const roomId = get().roomId;
      if (!roomId || !deps.copyText || !deps.inviteUrl) return false;
      try {
        await deps.copyText(deps.inviteUrl(roomId));
        get().announce(deps.messages().announce.inviteCopied);
        return true;
      } catch {
        get().announce(deps.messages().announce.inviteNotCopied);
        return false;
      }
    },
  };
}
