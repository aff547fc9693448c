import type { FrameProtector, FrameTarget } from './FrameProtector';
import type { FrameControl, FrameCounts, FrameReport, TransformOptions } from './workerMessages';

/** The WebRTC Encoded Transform constructor (`RTCRtpScriptTransform`), injected. */
export type ScriptTransformCtor = new (
  worker: Worker,
  options?: unknown,
  transfer?: Transferable[],
) => RTCRtpScriptTransform;

/**
 * Frame transforms in a worker that runs `serveFrameWorker` (SPEC [P31]): each sender and
 * receiver gets an `RTCRtpScriptTransform` on that worker; keys go to it by `postMessage`.
 */
export function workerFrameProtector(
  worker: Worker,
  ScriptTransform: ScriptTransformCtor,
): FrameProtector {
  let nextId = 1;
  let closed = false;
  const listeners = new Set<(counts: FrameCounts) => void>();
  worker.addEventListener('message', (event: MessageEvent<FrameReport>) => {
    if (event.data?.type !== 'counts') return;
    for (const listener of listeners) listener(event.data.counts);
  });
  return {
    api: 'script-transform',
    needsEncodedInsertableStreams: false,
    protect(target: FrameTarget, side, kind) {
      const id = nextId++;
      const options: TransformOptions = { side, kind, id };
      if (!closed) target.transform = new ScriptTransform(worker, options);
      return id;
    },
    control(message: FrameControl) {
      if (!closed) worker.postMessage(message);
    },
    onCounts(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      worker.terminate();
    },
  };
}
