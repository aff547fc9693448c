import type { PeerId } from '@meshwork/protocol';
import { FramePipe } from './FramePipe';
import { pipeFrames } from './pipeFrames';
import type { FrameControl, FrameReport, TransformOptions } from './workerMessages';

/** How often, at most, the worker reports its frame counts to the page. */
export const FRAME_COUNTS_REPORT_MS = 500;

/** The transformer a worker is given per sender or receiver (WebRTC Encoded Transform). */
interface ScriptTransformer {
  readonly readable: ReadableStream;
  readonly writable: WritableStream;
  readonly options: unknown;
  sendKeyFrameRequest?: () => Promise<void>;
}

/** The little of a dedicated worker's global scope the frame worker uses. */
export interface FrameWorkerScope {
  crypto: Crypto;
  postMessage(message: FrameReport): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<FrameControl>) => void): void;
  addEventListener(type: 'rtctransform', listener: (event: Event) => void): void;
  setInterval(handler: () => void, ms: number): unknown;
}

function isTransformOptions(value: unknown): value is TransformOptions {
  const v = value as Partial<TransformOptions> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    (v.side === 'send' || v.side === 'receive') &&
    (v.kind === 'audio' || v.kind === 'video') &&
    typeof v.id === 'number'
  );
}

/**
 * Runs the frame transforms of end-to-end encryption in a worker (SPEC [P31]): the page attaches
 * an `RTCRtpScriptTransform` to each sender and receiver and posts keys and routes here; this
 * reports frame counts back. The page's worker file is one line: `serveFrameWorker(self)`.
 */
export function serveFrameWorker(scope: FrameWorkerScope): void {
  const receivers = new Map<number, ScriptTransformer>();
  const pipe = new FramePipe(scope.crypto.subtle, (origin: PeerId) => {
    for (const [id, transformer] of receivers) {
      if (pipe.originOf(id) === origin) transformer.sendKeyFrameRequest?.().catch(() => undefined);
    }
  });
  scope.addEventListener('message', (event) => {
    pipe.control(event.data).catch(() => undefined);
  });
  scope.addEventListener('rtctransform', (event) => {
    const transformer = (event as Event & { transformer: ScriptTransformer }).transformer;
    const options = transformer.options;
    if (!isTransformOptions(options)) return;
    if (options.side === 'receive') receivers.set(options.id, transformer);
    void pipeFrames(transformer.readable, transformer.writable, pipe, options).then(() =>
      receivers.delete(options.id),
    );
  });
  scope.setInterval(() => {
    if (!pipe.dirty) return;
    pipe.dirty = false;
    scope.postMessage({ type: 'counts', counts: pipe.counts });
  }, FRAME_COUNTS_REPORT_MS);
}
