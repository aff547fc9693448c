/** How received files are typed when offered: opaque bytes, never something the page renders. */
export const DOWNLOAD_MIME_TYPE = 'application/octet-stream';

/** Hands bytes to the browser as a download named `name`. */
export type SaveFile = (blob: Blob, name: string) => void;

/**
 * Saves `blob` as a download through a detached `<a download>`, then revokes its object URL at
 * once: the click resolves the URL synchronously (HTML "download the hyperlink"), so no URL to
 * the bytes outlives the click and nothing is ever opened in the app's origin.
 */
export function saveBlob(blob: Blob, name: string, doc: Document = document): void {
  const opaque =
    blob.type === DOWNLOAD_MIME_TYPE ? blob : new Blob([blob], { type: DOWNLOAD_MIME_TYPE });
  const url = URL.createObjectURL(opaque);
  try {
    const link = doc.createElement('a');
    link.href = url;
    link.download = name;
    link.rel = 'noopener';
    link.click();
  } finally {
    URL.revokeObjectURL(url);
  }
}
