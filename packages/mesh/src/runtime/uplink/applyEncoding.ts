import type { SendEncoding } from './allocateUplink';

/** Whether two encodings limit a sender the same way. */
export function sameEncoding(a: SendEncoding | undefined, b: SendEncoding | undefined): boolean {
  return (
    a?.maxBitrate === b?.maxBitrate &&
    a?.scaleResolutionDownBy === b?.scaleResolutionDownBy &&
    a?.maxFramerate === b?.maxFramerate
  );
}

/**
 * Limits `sender`'s first encoding to `encoding` through `getParameters` / `setParameters` (the
 * only way to change it without renegotiating). Resolves to null once applied, or the reason it
 * was refused: a sender whose parameters have no encoding yet, or a browser refusing a field.
 */
export async function applyEncoding(
  sender: RTCRtpSender,
  encoding: SendEncoding,
): Promise<string | null> {
  try {
    const parameters = sender.getParameters();
    const first = parameters.encodings?.[0];
    if (first === undefined) return 'the sender has no encoding yet';
    first.maxBitrate = encoding.maxBitrate;
    if (encoding.scaleResolutionDownBy !== undefined) {
      first.scaleResolutionDownBy = encoding.scaleResolutionDownBy;
    }
    if (encoding.maxFramerate !== undefined) first.maxFramerate = encoding.maxFramerate;
    await sender.setParameters(parameters);
    return null;
  } catch (err) {
    return String(err);
  }
}
