import type { Logger } from '@meshwork/kit';
import { preferStableCodecs } from './codecs';

/**
 * Sets the next local description: argument-free `setLocalDescription()` (perfect negotiation),
 * falling back to `createOffer`/`createAnswer` where the implementation lacks it (wrtc throws a
 * TypeError), and always for an ICE restart, whose offer needs `iceRestart: true`.
 */
export async function setLocalDescription(
  pc: RTCPeerConnection,
  iceRestart: boolean,
  logger: Logger,
): Promise<void> {
  preferStableCodecsOn(pc, logger);
  if (!iceRestart) {
    try {
      await pc.setLocalDescription();
      return;
    } catch (err) {
      if (!(err instanceof TypeError)) throw err;
    }
  }
  const answering =
    pc.signalingState === 'have-remote-offer' || pc.signalingState === 'have-local-pranswer';
  const description = answering
    ? await pc.createAnswer()
    : await pc.createOffer(iceRestart ? { iceRestart: true } : {});
  await pc.setLocalDescription(description);
}

/**
 * One codec list on every m-line, whichever end offers: a changed receive codec list makes
 * libwebrtc rebuild the link's receive streams, freezing every tile on it until keyframes.
 */
function preferStableCodecsOn(pc: RTCPeerConnection, logger: Logger): void {
  for (const transceiver of pc.getTransceivers()) {
    try {
      preferStableCodecs(transceiver);
    } catch (err) {
      logger.debug('codec preferences refused', { error: String(err) });
    }
  }
}
