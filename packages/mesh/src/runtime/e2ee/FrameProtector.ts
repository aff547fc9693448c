import type { FrameControl, FrameCounts } from './workerMessages';

/** Where a protector attaches: an RTP sender or receiver. */
export type FrameTarget = RTCRtpSender | RTCRtpReceiver;

/**
 * The page's handle on the frame transforms of end-to-end encryption (SPEC [P31]), made by the
 * app for its platform: `workerFrameProtector` (`RTCRtpScriptTransform`) where it exists,
 * `encodedStreamsFrameProtector` (`createEncodedStreams`) where only that does.
 */
export interface FrameProtector {
  /** Which API carries the transforms. */
  readonly api: 'script-transform' | 'encoded-streams';
  /**
   * Peer connections must be made with `encodedInsertableStreams: true` (Chromium's older API
   * needs it, and then every sender and receiver must be piped).
   */
  readonly needsEncodedInsertableStreams: boolean;
  /** Attaches the transform to `target`; returns the id its route is told by. Call once each. */
  protect(target: FrameTarget, side: 'send' | 'receive', kind: 'audio' | 'video'): number;
  /** Sends keys, routes and the on/off switch to the transforms. */
  control(message: FrameControl): void;
  /** Frame counts as the transforms report them; returns the disposer. */
  onCounts(listener: (counts: FrameCounts) => void): () => void;
  /** Idempotent: stops the transforms. */
  close(): void;
}
