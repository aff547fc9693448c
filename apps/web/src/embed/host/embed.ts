import { EMBED_VERSION, EmbedHelloSchema } from '@meshwork/protocol';
import { type Lang, pickLanguage } from '../../i18n/languages';
import { MeshworkCall } from './MeshworkCall';

/** The iframe's accessible name, in the host page's browser language (the catalogue stays in the app). */
const FRAME_TITLE: Record<Lang, (room: string) => string> = {
  en: (room) => `Meshwork call: ${room}`,
  'zh-CN': (room) => `Meshwork 通话：${room}`,
};

/** What `Meshwork.embed` takes. */
export interface EmbedOptions {
  /** The room to join. */
  room: string;
  /** The name shown to the others; without it the frame asks the person. */
  name?: string;
  /** The Meshwork app's origin; defaults to where `embed.js` was loaded from. */
  origin?: string;
  /** `'low'` asks for small camera frames (tests, weak machines). */
  quality?: 'low' | 'normal';
}

/** The permissions the call needs inside the frame. */
export const FRAME_ALLOW = 'camera; microphone; display-capture';

/** The frame's address: the room page in embed mode, told which origin embeds it. */
export function frameUrl(appOrigin: string, options: EmbedOptions, parentOrigin: string): string {
  const url = new URL(`/r/${encodeURIComponent(options.room)}`, appOrigin);
  url.searchParams.set('embed', '1');
  url.searchParams.set('parent', parentOrigin);
  if (options.name !== undefined) url.searchParams.set('name', options.name);
  if (options.quality === 'low') url.searchParams.set('quality', 'low');
  return url.href;
}

/**
 * [P21] Adds the call's iframe to `container` and returns its handle. Only a `hello` from the
 * app's origin and from this very iframe is answered, with a MessageChannel port sent to that
 * origin alone; nothing is ever posted to `'*'`.
 */
export function embed(
  container: HTMLElement,
  options: EmbedOptions,
  appOrigin: string,
): MeshworkCall {
  const origin = new URL(options.origin ?? appOrigin).origin;
  const iframe = document.createElement('iframe');
  iframe.allow = FRAME_ALLOW;
  iframe.title = FRAME_TITLE[pickLanguage(navigator.languages ?? [])](options.room);
  iframe.src = frameUrl(origin, options, window.location.origin);
  iframe.style.border = '0';
  iframe.style.width = '100%';
  iframe.style.height = '100%';

  const onMessage = (event: MessageEvent) => {
    if (event.origin !== origin || event.source === null) return;
    if (event.source !== iframe.contentWindow) return;
    if (!EmbedHelloSchema.safeParse(event.data).success) return;
    const channel = new MessageChannel();
    call.attach(channel.port1);
    iframe.contentWindow.postMessage({ meshwork: 'connect', version: EMBED_VERSION }, origin, [
      channel.port2,
    ]);
  };
  const call = new MeshworkCall(() => {
    window.removeEventListener('message', onMessage);
    iframe.remove();
  });
  window.addEventListener('message', onMessage);
  container.appendChild(iframe);
  return call;
}
