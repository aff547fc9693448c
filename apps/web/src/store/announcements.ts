import type { Messages } from '../i18n/messages';
import type { AppState } from './types';

/** How many announcements stay in the list (the toasts on screen). */
export const MAX_ANNOUNCEMENTS = 5;

/** The part of the state announcements live in. */
export type AnnouncementState = Pick<AppState, 'announcements' | 'lastAnnouncementId'>;

/** Appends announcements in order, keeping the last few; ids continue from the last one. */
export function withAnnouncements(
  state: AnnouncementState,
  texts: readonly string[],
): AnnouncementState {
  if (texts.length === 0) {
    return { announcements: state.announcements, lastAnnouncementId: state.lastAnnouncementId };
  }
  let id = state.lastAnnouncementId;
  const added = texts.map((text) => ({ id: ++id, text }));
  return {
    announcements: [...state.announcements, ...added].slice(-MAX_ANNOUNCEMENTS),
    lastAnnouncementId: id,
  };
}

/** The name to announce for `peer`: the last one seen, even after they left. */
export function nameOf(state: Pick<AppState, 'names'>, peer: string, m: Messages): string {
  return state.names.get(peer) ?? m.common.someone;
}
