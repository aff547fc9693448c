// End-to-end frame encryption (SPEC [P31]): the protectors a page makes for its platform, and
// the worker entry. Imported alone by a worker file, so the worker carries nothing else.

export {
  encodedStreamsFrameProtector,
  hasEncodedStreams,
  PAGE_COUNTS_REPORT_MS,
} from './encodedStreamsFrameProtector';
export { UNROUTED } from './FramePipe';
export type { FrameProtector, FrameTarget } from './FrameProtector';
export {
  CLEAR_BYTES,
  FRAME_COUNTER_MAX,
  FRAME_TAG_BYTES,
  FRAME_TRAILER_BYTES,
} from './frameCipher';
export { FRAME_COUNTS_REPORT_MS, type FrameWorkerScope, serveFrameWorker } from './frameWorker';
export { type ScriptTransformCtor, workerFrameProtector } from './workerFrameProtector';
export type { FrameControl, FrameCounts, FrameReport, TransformOptions } from './workerMessages';
