import type { MeshControllerApi } from '@meshwork/mesh/runtime';
import { consoleLogger } from '../consoleLogger';
import { createFrameProtector } from '../e2ee/createFrameProtector';
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
  const frameProtector = createFrameProtector(frameApiOverride());
  // Chromium's older insertable streams need this on every connection ([P31]).
  const extra = frameProtector?.needsEncodedInsertableStreams
    ? { encodedInsertableStreams: true }
    : {};
  const session = new ClientSession({
    url: window.location.origin,
    createPeerConnection: (config) => new RTCPeerConnection({ ...config, ...extra }),
    createMediaStream: (tracks) => new MediaStream(tracks),
    logger: consoleLogger('meshwork'),
    // [P28] What holds this browser's video back reaches the room, so Automatic can go star.
    reportLimitation: true,
    ...(frameProtector ? { frameProtector } : {}),
  });
  if (new URLSearchParams(window.location.search).get('diagnostics') === '1') {
    exposeDiagnostics(session);
  }
  return session;
}

/**
 * `?diagnostics=1`: `window.meshworkDiagnostics` reads this page's frame counts and can make it
 * withhold one sender's frame keys (to see what a page without the key sees). It can only make
 * this page decode less, never more.
 */
function exposeDiagnostics(session: {
  readonly selfId: string | null;
  readonly mesh: MeshControllerApi | null;
}): void {
  Object.assign(window, {
    meshworkDiagnostics: {
      selfId: () => session.selfId,
      frameCounts: () => session.mesh?.frameCounts ?? null,
      withholdFrameKeys: (origin: string) => session.mesh?.withholdFrameKeys?.(origin),
    },
  });
}

/** `?frames=encoded-streams` picks the older frame API where both exist (to test it). */
function frameApiOverride(): 'script-transform' | 'encoded-streams' | undefined {
  const asked = new URLSearchParams(window.location.search).get('frames');
  return asked === 'script-transform' || asked === 'encoded-streams' ? asked : undefined;
}
