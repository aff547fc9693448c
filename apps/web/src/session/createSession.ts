import { consoleLogger } from '../consoleLogger';
import type { AppSession } from './types';

// The session code (Socket.IO client, mesh runtime, wire schemas) is not needed to paint the
// start or pre-join page, so it is its own chunk, fetched while the person picks devices.
let loading: Promise<typeof import('@meshwork/client')> | null = null;

function load(): Promise<typeof import('@meshwork/client')> {
  loading ??= import('@meshwork/client');
  return loading;
}

/** Starts fetching the session code. */
export function preloadSession(): void {
  void load().catch(() => {
    // Retried by createSession; a failed prefetch is not an error on its own.
    loading = null;
  });
}

/**
 * The one place the client session is made: the browser's RTCPeerConnection and MediaStream,
 * and the signal app at the page's own origin (the dev server proxies `/socket.io` to it).
 * Warnings (a link that failed to negotiate, say) go to the console, where a person debugging a
 * call looks.
 */
export async function createSession(): Promise<AppSession> {
  const { ClientSession } = await load();
  return new ClientSession({
    url: window.location.origin,
    createPeerConnection: (config) => new RTCPeerConnection(config),
    createMediaStream: (tracks) => new MediaStream(tracks),
    logger: consoleLogger('meshwork'),
    // [P28] What holds this browser's video back reaches the room, so Automatic can go star.
    reportLimitation: true,
  });
}
