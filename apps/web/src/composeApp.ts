import { pageLang } from './i18n/pageLang';
import { connectBridge } from './session/bridge';
import { SessionHost } from './session/SessionHost';
import { createAppStore } from './store/createAppStore';
import type { AppDeps } from './store/deps';
import type { AppStoreApi } from './store/types';

/** One page's app: the store, and the host that makes each session and bridges it to the store. */
export interface ComposedApp {
  store: AppStoreApi;
  sessions: SessionHost;
}

/**
 * Wires the store, the session host and the bridge together. The store reaches sessions only
 * through the host, and only the bridge turns session events into store actions.
 */
export function composeApp(deps: AppDeps): ComposedApp {
  const { createSession, messages = () => pageLang.getState().m, ...storeDeps } = deps;
  const sessions = new SessionHost({
    createSession,
    // Called on join, after the store below exists.
    attach: (session) => connectBridge(session, store),
  });
  const store = createAppStore({ ...storeDeps, messages, sessions });
  return { store, sessions };
}
