import { useEffect } from 'react';
import { useAppStore } from '../../store/StoreContext';

/** How long a toast stays on screen; bounds the display only. */
const TOAST_MS = 6000;

/**
 * Announcements (someone joined, dropped out, the topology changed) as visible toasts inside an
 * aria-live region, so screen readers hear them too.
 */
export function Announcer() {
  const announcements = useAppStore((s) => s.announcements);
  const dismiss = useAppStore((s) => s.dismissAnnouncement);
  const oldest = announcements[0];

  useEffect(() => {
    if (!oldest) return;
    const timer = setTimeout(() => dismiss(oldest.id), TOAST_MS);
    return () => clearTimeout(timer);
  }, [oldest, dismiss]);

  return (
    <div className="toasts" role="status" aria-live="polite" aria-atomic="false">
      {announcements.map((a) => (
        <div key={a.id} className="toast">
          {a.text}
        </div>
      ))}
    </div>
  );
}
