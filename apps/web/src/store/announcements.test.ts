import { describe, expect, it } from 'vitest';
import { type AnnouncementState, MAX_ANNOUNCEMENTS, withAnnouncements } from './announcements';

describe('withAnnouncements', () => {
  it('appends in order with growing ids and keeps only the last few', () => {
    let state: AnnouncementState = { announcements: [], lastAnnouncementId: 0 };
    state = withAnnouncements(state, ['a', 'b']);
    expect(state.announcements).toEqual([
      { id: 1, text: 'a' },
      { id: 2, text: 'b' },
    ]);
    state = withAnnouncements(state, ['c', 'd', 'e', 'f']);
    expect(state.announcements.map((a) => a.text)).toEqual(['b', 'c', 'd', 'e', 'f']);
    expect(state.announcements).toHaveLength(MAX_ANNOUNCEMENTS);
    expect(state.lastAnnouncementId).toBe(6);
  });

  it('keeps counting after every toast was dismissed, so a new one never reuses an id', () => {
    const state = withAnnouncements({ announcements: [], lastAnnouncementId: 7 }, ['again']);
    expect(state.announcements).toEqual([{ id: 8, text: 'again' }]);
  });

  it('changes nothing without texts', () => {
    const announcements = [{ id: 1, text: 'a' }];
    const state = withAnnouncements({ announcements, lastAnnouncementId: 1 }, []);
    expect(state.announcements).toBe(announcements);
  });
});
