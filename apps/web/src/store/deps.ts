import type { SaveFile } from '../files/saveBlob';
import type { Messages } from '../i18n/messages';
import type { MediaApi } from '../media/types';
import type { StartRecording } from '../recording/types';
import type { AppSession, SessionControl } from '../session/types';

/** Where the display name is remembered. */
export const DISPLAY_NAME_KEY = 'meshwork.displayName';

/** Everything with a side effect that the app uses; injected so tests pass fakes. */
export interface AppDeps {
  /** Makes a fresh client session; a session joins once, so every join gets a new one. */
  createSession: () => AppSession | Promise<AppSession>;
  /** Starts loading the session code early (before Join), so joining does not wait for it. */
  preloadSession?: () => void;
  media: MediaApi;
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  copyText?: (text: string) => Promise<void>;
  /** The link to share for a room. */
  inviteUrl?: (roomId: string) => string;
  /** Offers received bytes as a download (`saveBlob` in the browser). */
  saveFile?: SaveFile;
  /** Records the call on this device (`startBrowserRecording`, loaded when first used). */
  recorder?: StartRecording;
  /** The catalogue of the page's language, read each time a sentence is made (toasts). */
  messages?: () => Messages;
}

/** What the store's actions use: the app's side effects, with sessions reached through a host. */
export type StoreDeps = Omit<AppDeps, 'createSession' | 'messages'> & {
  sessions: SessionControl;
  messages: () => Messages;
};

/** The current session; throws when there is none (callers announce the failure). */
export function requireSession(sessions: SessionControl): AppSession {
  const session = sessions.current;
  if (!session) throw new Error('No session: join a room first');
  return session;
}

/** Reads a stable error code from whatever a failed call rejected with. */
export function errorCodeOf(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    for (const field of ['code', 'error']) {
      const value = Reflect.get(error, field);
      if (typeof value === 'string' && value.startsWith('ERR_')) return value;
    }
  }
  return 'ERR_INTERNAL';
}
