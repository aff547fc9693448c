import { type RefObject, useEffect } from 'react';

/** The CSS variable the toast stack's top reads on phones (styles/panels.css). */
export const TOASTS_TOP_VAR = '--toasts-top';

/** Gap between the header's bottom edge and the first toast, in CSS pixels. */
const GAP_PX = 8;

/**
 * Keeps the toast stack below `header` however tall it wraps (on a phone the title, topology
 * and its reason take several lines), so a toast never covers the header. Cleared on unmount.
 */
export function useToastClearance(header: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const element = header.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const root = document.documentElement;
    const place = () => {
      const bottom = Math.ceil(element.getBoundingClientRect().bottom);
      root.style.setProperty(TOASTS_TOP_VAR, `${Math.max(0, bottom) + GAP_PX}px`);
    };
    const observer = new ResizeObserver(place);
    observer.observe(element);
    place();
    return () => {
      observer.disconnect();
      root.style.removeProperty(TOASTS_TOP_VAR);
    };
  }, [header]);
}
