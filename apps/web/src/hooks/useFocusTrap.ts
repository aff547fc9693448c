import { type RefObject, useEffect } from 'react';

/** What can take focus by Tab, before visibility is checked. */
const FOCUSABLE =
  'a[href], button, input, select, textarea, [tabindex], audio[controls], video[controls], [contenteditable]';

/** The elements inside `container` that Tab can reach, in document order. */
export function tabStops(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) =>
      el.tabIndex >= 0 &&
      !(el as HTMLButtonElement).disabled &&
      el.closest('[hidden], [inert]') === null &&
      // Where the browser can tell (not every test DOM can), skip what is not shown.
      (typeof el.checkVisibility !== 'function' ||
        el.checkVisibility({ visibilityProperty: true })),
  );
}

/**
 * A modal's focus: moves focus into `ref` when it opens, keeps Tab and Shift+Tab inside it
 * (wrapping from the last stop to the first and back), closes on Escape, and gives focus back to
 * whatever had it before, once closed.
 */
export function useFocusTrap(ref: RefObject<HTMLElement | null>, onEscape: () => void): void {
  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    container.focus();
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        onEscape();
        return;
      }
      if (e.key !== 'Tab') return;
      const stops = tabStops(container);
      const first = stops[0];
      const last = stops.at(-1);
      if (!first || !last) {
        e.preventDefault();
        return;
      }
      const at = document.activeElement;
      const outside = !(at instanceof Node) || !container.contains(at) || at === container;
      if (e.shiftKey && (at === first || outside)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (at === last || outside)) {
        e.preventDefault();
        first.focus();
      }
    };
    container.addEventListener('keydown', onKeyDown);
    return () => {
      container.removeEventListener('keydown', onKeyDown);
      opener?.focus();
    };
  }, [ref, onEscape]);
}
