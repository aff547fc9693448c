import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { MediaApi } from '../media/types';
import { createAppStore } from '../store/createAppStore';
import type { AppDeps } from '../store/deps';
import { StoreProvider } from '../store/StoreContext';
import { FakeSession, fakeMedia } from './fakes';

/** A store over fakes, with every session it made kept for inspection. */
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
  const store = createAppStore({
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
  return { store, media, sessions, session };
}

/** Renders `ui` inside a provider of a fresh store over fakes. */
export function renderWithStore(ui: ReactElement, options: Parameters<typeof makeStore>[0] = {}) {
  const made = makeStore(options);
  const result = render(<StoreProvider store={made.store}>{ui}</StoreProvider>);
  return { ...made, ...result };
}
