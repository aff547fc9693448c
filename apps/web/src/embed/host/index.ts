// The entry of `/embed.js`: a classic script that defines `window.Meshwork`.
import { type EmbedOptions, embed } from './embed';
import type { MeshworkCall } from './MeshworkCall';

// Read while the script runs: afterwards `currentScript` is null.
const script = document.currentScript;
const scriptOrigin =
  script instanceof HTMLScriptElement && script.src !== ''
    ? new URL(script.src).origin
    : window.location.origin;

/** The global `Meshwork` the host page calls. */
const Meshwork = {
  /** Embeds a call in `container`; see apps/web/README.md. */
  embed: (container: HTMLElement, options: EmbedOptions): MeshworkCall =>
    embed(container, options, scriptOrigin),
};

(window as unknown as { Meshwork: typeof Meshwork }).Meshwork = Meshwork;
