import { EMBED_ORIGINS_META } from '@meshwork/protocol';

/** What an embedded room page knows about its host. */
export interface EmbedParams {
  /** The embedding page's origin, checked against the allow-list. */
  parentOrigin: string;
  /** The name to join with, when the host gave one. */
  name: string | null;
}

/**
 * [P21] Reads `?embed=1&parent=<origin>&name=...` against the served allow-list; null when the
 * page is not embedded or its claimed parent may not embed it (then no message is ever posted).
 */
export function readEmbedParams(search: string, allowed: readonly string[]): EmbedParams | null {
  const params = new URLSearchParams(search);
  if (params.get('embed') !== '1') return null;
  const parent = params.get('parent');
  if (parent === null || !allowed.includes(parent)) return null;
  return { parentOrigin: parent, name: params.get('name') };
}

/** The allow-list as the page was served it (space-separated origins). */
export function servedEmbedOrigins(doc: Document): string[] {
  const content = doc.querySelector(`meta[name="${EMBED_ORIGINS_META}"]`)?.getAttribute('content');
  return (content ?? '').split(' ').filter((s) => s !== '');
}
