/** The part of an `RTCRtpReceiver` that says when media last arrived on it. */
interface ArrivalSource {
  getSynchronizationSources?(): ReadonlyArray<{ timestamp: number }>;
}

/**
 * When media last reached any of a peer connection's receivers, as the stack stamps it
 * (`getSynchronizationSources()`: per RTP source, the last frame delivered to the track, kept
 * for 10 s): a mark that moves while packets arrive and stops when they do. Null where nothing
 * arrived yet, or the stack does not say (no such method).
 */
export function lastMediaArrival(receivers: Iterable<ArrivalSource>): number | null {
  let last: number | null = null;
  for (const receiver of receivers) {
    if (typeof receiver.getSynchronizationSources !== 'function') continue;
    for (const source of receiver.getSynchronizationSources()) {
      if (Number.isFinite(source.timestamp) && (last === null || source.timestamp > last)) {
        last = source.timestamp;
      }
    }
  }
  return last;
}

/** `lastMediaArrival` over `pc`'s receivers now (SilenceWatch's `mediaMark`). */
export function mediaArrivalOf(pc: RTCPeerConnection): number | null {
  return lastMediaArrival(pc.getReceivers());
}
