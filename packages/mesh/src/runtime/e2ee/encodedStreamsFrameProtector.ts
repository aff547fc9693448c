import { type EncodedFrame, FramePipe } from './FramePipe';
import type { FrameProtector, FrameTarget } from './FrameProtector';
import { pipeFrames } from './pipeFrames';
import type { FrameControl, FrameCounts } from './workerMessages';

/** Chromium's older insertable streams API on a sender or receiver. */
interface EncodedStreamsTarget {
  createEncodedStreams(): {
    readable: ReadableStream<EncodedFrame>;
    writable: WritableStream<EncodedFrame>;
  };
}

/** How often, at most, counts are reported on the page. */
export const PAGE_COUNTS_REPORT_MS = 500;

/** Whether `target` has `createEncodedStreams` (Chromium before `RTCRtpScriptTransform`). */
export function hasEncodedStreams(target: unknown): boolean {
  return typeof (target as Partial<EncodedStreamsTarget>)?.createEncodedStreams === 'function';
}

/**
 * Frame transforms on the page itself through `createEncodedStreams` (SPEC [P31]), for engines
 * without `RTCRtpScriptTransform`. Their peer connections need `encodedInsertableStreams: true`,
 * and then every sender and receiver is piped (with encryption off the pipe passes frames on).
 * `setInterval` paces the count reports only.
 */
export function encodedStreamsFrameProtector(
  subtle: SubtleCrypto,
  setInterval: (handler: () => void, ms: number) => unknown,
  clearInterval: (handle: unknown) => void,
): FrameProtector {
  let nextId = 1;
  let closed = false;
  const listeners = new Set<(counts: FrameCounts) => void>();
  // This API has no key frame request: after a new key the decoder asks for one itself.
  const pipe = new FramePipe(subtle);
  const timer = setInterval(() => {
    if (!pipe.dirty) return;
    pipe.dirty = false;
    for (const listener of listeners) listener(pipe.counts);
  }, PAGE_COUNTS_REPORT_MS);
  return {
    api: 'encoded-streams',
    needsEncodedInsertableStreams: true,
    protect(target: FrameTarget, side, kind) {
      const id = nextId++;
      if (closed || !hasEncodedStreams(target)) return id;
      const { readable, writable } = (
        target as unknown as EncodedStreamsTarget
      ).createEncodedStreams();
      void pipeFrames(readable, writable, pipe, { side, kind, id });
      return id;
    },
    control(message: FrameControl) {
      if (!closed) pipe.control(message).catch(() => undefined);
    },
    onCounts(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      clearInterval(timer);
    },
  };
}
