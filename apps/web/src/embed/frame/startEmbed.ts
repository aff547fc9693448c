import { EMBED_VERSION, EmbedConnectSchema } from '@meshwork/protocol';
import { parseRoute } from '../../routing/route';
import type { AppStoreApi } from '../../store/types';
import { createEmbedBridge } from './embedBridge';
import { readEmbedParams, servedEmbedOrigins } from './embedParams';

/**
 * [P21] Embed mode of a room page (`?embed=1`): says `hello` to the parent, at its checked
 * origin only; takes the port from the parent's `connect` (right origin, and from
 * `window.parent` itself); then joins with the host's name, when it gave a valid one.
 * Does nothing on other pages or when the parent may not embed the app.
 */
export function startEmbed(store: AppStoreApi, win: Window = window): void {
  const route = parseRoute(win.location.pathname);
  if (route.page !== 'room' || win.parent === win) return;
  const params = readEmbedParams(win.location.search, servedEmbedOrigins(win.document));
  if (!params) return;
  const { parentOrigin, name } = params;

  const onMessage = (event: MessageEvent) => {
    if (event.origin !== parentOrigin || event.source !== win.parent) return;
    const port = event.ports[0];
    if (!port || !EmbedConnectSchema.safeParse(event.data).success) return;
    win.removeEventListener('message', onMessage);
    const bridge = createEmbedBridge(store, port);
    port.onmessage = (e) => bridge.receive(e.data);
    win.addEventListener('pagehide', () => bridge.close());
    void autoJoin(store, route.roomId, name);
  };
  win.addEventListener('message', onMessage);
  win.parent.postMessage({ meshwork: 'hello', version: EMBED_VERSION }, parentOrigin);
}

async function autoJoin(store: AppStoreApi, roomId: string, name: string | null): Promise<void> {
  const trimmed = name?.trim() ?? '';
  if (trimmed === '') return; // The person types a name on the page instead.
  const s = store.getState();
  s.setDisplayName(trimmed);
  await s.startPreview();
  // The pre-join page may have started the preview first: wait for it to settle.
  if (store.getState().local.acquiring) {
    await new Promise<void>((resolve) => {
      const stop = store.subscribe((now) => {
        if (!now.local.acquiring) {
          stop();
          resolve();
        }
      });
    });
  }
  await store.getState().join(roomId);
}
