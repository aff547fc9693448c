import type { Logger } from '@meshwork/kit';
import { keepsPayloadTypesUnderPreferences } from './codecProbe';
import { preferStableCodecs } from './codecs';
import { payloadMaps, renumberedMids } from './payloadTypes';

/**
 * Sets the next local description: argument-free `setLocalDescription()` (perfect negotiation),
 * falling back to `createOffer`/`createAnswer` where the implementation lacks it (wrtc throws a
 * TypeError), and always for an ICE restart, whose offer needs `iceRestart: true`.
 *
 * Codec preferences are set only where the engine keeps negotiated payload types under them
 * (`keepsPayloadTypesUnderPreferences`, probed once per engine): Firefox ESR 153 does not, and a
 * re-offer with renumbered m-lines is what Chromium rejects ("Failed to parse codecs correctly").
 */
export async function setLocalDescription(
  pc: RTCPeerConnection,
  iceRestart: boolean,
  logger: Logger,
): Promise<void> {
  const safe = await keepsPayloadTypesUnderPreferences(pc);
  preferStableCodecsOn(pc, safe, logger);
  await applyLocal(pc, iceRestart);
  const local = pc.localDescription;
  const current = pc.currentLocalDescription;
  if (local?.type === 'offer' && current) {
    const renumbered = renumberedMids(current.sdp, local.sdp);
    if (renumbered.length > 0) {
      // Chromium harmonises an m-line the far end numbered (one number per codec across the
      // bundle); Firefox accepts that. A far end that refuses reports it ([M24]).
      logger.debug('this offer renumbers negotiated payload types', {
        mids: renumbered.join(','),
        was: JSON.stringify([...(payloadMaps(current.sdp).get(renumbered[0] ?? '') ?? [])]),
        now: JSON.stringify([...(payloadMaps(local.sdp).get(renumbered[0] ?? '') ?? [])]),
      });
    }
  }
}

async function applyLocal(pc: RTCPeerConnection, iceRestart: boolean): Promise<void> {
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
function preferStableCodecsOn(pc: RTCPeerConnection, safe: boolean, logger: Logger): void {
  for (const transceiver of pc.getTransceivers()) {
    try {
      preferStableCodecs(transceiver, safe);
    } catch (err) {
      logger.debug('codec preferences refused', { error: String(err) });
    }
  }
}
