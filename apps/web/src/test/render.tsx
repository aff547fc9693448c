import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { composeApp } from '../composeApp';
import type { MediaApi } from '../media/types';
import type { AppDeps } from '../store/deps';
import { StoreProvider } from '../store/StoreContext';
import { FakeSession, fakeMedia, ids, peer, roomView } from './fakes';

/** A store (and its session host) over fakes, with every session it made kept for inspection. */
export function makeStore(
  options: {
    media?: MediaApi;
    deps?: Partial<AppDeps>;
    /** Prepares each new session (the n-th, from 0) before the store uses it. */
    configure?: (session: FakeSession, n: number) => void;
  } = {},
) {
  const sessions: FakeSession[] = [];
  const media = options.media ?? fakeMedia();
  const { store, sessions: host } = composeApp({
    createSession: () => {
      const session = new FakeSession();
      options.configure?.(session, sessions.length);
      sessions.push(session);
      return session;
    },
    media,
    storage: window.localStorage,
    ...options.deps,
  });
  const session = (): FakeSession => {
    const last = sessions.at(-1);
    if (!last) throw new Error('no session was created yet');
    return last;
  };
  return { store, host, media, sessions, session };
}

/** A store that previewed the camera and joined a room with Ana, its session reporting `joined`. */
export async function joinedStore(options: Parameters<typeof makeStore>[0] = {}) {
  const made = makeStore(options);
  made.store.getState().setDisplayName('Me');
  await made.store.getState().startPreview();
  await made.store.getState().join('brave-otter-42');
  const session = made.session();
  session.emit('statusChanged', { status: 'joined' });
  session.emit('roomChanged', roomView([peer(ids.me, 'Me', 1), peer(ids.ana, 'Ana', 2)]));
  return { ...made, session };
}

/** Renders `ui` inside a provider of a fresh store over fakes. */
export function renderWithStore(ui: ReactElement, options: Parameters<typeof makeStore>[0] = {}) {
  const made = makeStore(options);
  const result = render(<StoreProvider store={made.store}>{ui}</StoreProvider>);
  return { ...made, ...result };
}

/**
 * A text matcher for text split across elements (a name in a `<bdi>` inside a sentence): the
 * innermost element whose whole text is `text`.
 */
export function wholeText(text: string) {
  return (_content: string, element: Element | null): boolean =>
    element?.textContent === text &&
    [...element.children].every((child) => child.textContent !== text);
}
