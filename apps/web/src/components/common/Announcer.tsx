import { useEffect } from 'react';
import { useAppStore } from '../../store/StoreContext';
import type { Announcement } from '../../store/types';
import { Isolated } from './Isolated';

/** How long each toast stays on screen, from when it appears; bounds the display only. */
export const TOAST_MS = 6000;

function Toast({
  announcement,
  dismiss,
}: {
  announcement: Announcement;
  dismiss: (id: number) => void;
}) {
  useEffect(() => {
    const timer = setTimeout(() => dismiss(announcement.id), TOAST_MS);
    return () => clearTimeout(timer);
  }, [announcement.id, dismiss]);
  return (
    <div className="toast">
      <Isolated text={announcement.text} />
    </div>
  );
}

/**
 * Announcements (someone joined, dropped out, the topology changed) as visible toasts inside an
 * aria-live region, so screen readers hear them too. Each toast has its own clock, so a burst
 * of joins clears together instead of one after another.
 */
export function Announcer() {
  const announcements = useAppStore((s) => s.announcements);
  const dismiss = useAppStore((s) => s.dismissAnnouncement);
  return (
    <div className="toasts" role="status" aria-live="polite" aria-atomic="false">
      {announcements.map((a) => (
        <Toast key={a.id} announcement={a} dismiss={dismiss} />
      ))}
    </div>
  );
}
