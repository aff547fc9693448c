/** Something with DOM-style listeners: a peer connection, a data channel, a track. */
export type ListenerTarget = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

/**
 * Adds `listener` for `type` on `target` and returns the function that removes it, so an owner
 * keeps disposers instead of references to every listener it added.
 */
export function listen<E = Event>(
  target: ListenerTarget,
  type: string,
  listener: (event: E) => void,
): () => void {
  const fn = listener as unknown as EventListener;
  target.addEventListener(type, fn);
  let added = true;
  return () => {
    if (!added) return;
    added = false;
    target.removeEventListener(type, fn);
  };
}
