import { useSyncExternalStore } from 'react';

/** The page the URL names. */
export type Route =
  | { page: 'home' }
  | { page: 'room'; roomId: string }
  | { page: 'p2p' }
  | { page: 'watch'; roomId: string };

/** Reads the route from a path: `/r/<room>` is a room, anything else is home. */
export function parseRoute(pathname: string): Route {
  if (/^\/p2p\/?$/.test(pathname)) return { page: 'p2p' };
  const match = /^\/r\/([^/]+)(\/watch)?\/?$/.exec(pathname);
  if (!match?.[1]) return { page: 'home' };
  try {
    const roomId = decodeURIComponent(match[1]);
    return match[2] ? { page: 'watch', roomId } : { page: 'room', roomId };
  } catch {
    return { page: 'home' };
  }
}

/** The path of a room's page. */
export function roomPath(roomId: string): string {
  return `/r/${encodeURIComponent(roomId)}`;
}

/** Moves to `path` with the history API and tells every route listener. */
export function navigate(path: string): void {
  if (window.location.pathname === path) return;
  window.history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  return () => window.removeEventListener('popstate', onChange);
}

/** The current pathname, updated on navigation. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}
