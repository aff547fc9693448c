/** Containers and codecs to record in, best first: all WebM, so the file plays everywhere. */
export const RECORDING_MIME_TYPES = [
  'video/webm;codecs=vp9,opus',
  'video/webm;codecs=vp8,opus',
  'video/webm',
] as const;

/** The first type the browser's `MediaRecorder` supports, or null when it records none. */
export function pickMimeType(isTypeSupported: (type: string) => boolean): string | null {
  for (const type of RECORDING_MIME_TYPES) {
    try {
      if (isTypeSupported(type)) return type;
    } catch {
      // A browser that throws for a type does not support it.
    }
  }
  return null;
}
