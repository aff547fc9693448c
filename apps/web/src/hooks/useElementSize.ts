import { type RefObject, useEffect, useState } from 'react';

/** Content-box size of an element in CSS pixels. */
export interface Size {
  width: number;
  height: number;
}

/**
 * The element's content-box size, kept current by a ResizeObserver. `null` until first measured,
 * and where ResizeObserver is missing (jsdom): callers fall back to a layout without it.
 */
export function useElementSize(ref: RefObject<HTMLElement | null>): Size | null {
  const [size, setSize] = useState<Size | null>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const { width, height } = entry.contentRect;
      setSize((prev) =>
        prev && prev.width === width && prev.height === height ? prev : { width, height },
      );
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}
