import {
  encodedStreamsFrameProtector,
  type FrameProtector,
  hasEncodedStreams,
  workerFrameProtector,
} from '@meshwork/mesh/e2ee';

/**
 * This browser's end-to-end frame encryption (SPEC [P31]): `RTCRtpScriptTransform` in a worker
 * where it exists (Chromium, Firefox), else Chromium's older `createEncodedStreams` on the page,
 * else none (the page then cannot encrypt, and the shield says so). `force` picks one for tests.
 */
export function createFrameProtector(
  force?: 'script-transform' | 'encoded-streams',
): FrameProtector | null {
  const hasScript = typeof globalThis.RTCRtpScriptTransform === 'function';
  const hasStreams =
    typeof RTCRtpSender !== 'undefined' && hasEncodedStreams(RTCRtpSender.prototype);
  if ((force ?? (hasScript ? 'script-transform' : 'encoded-streams')) === 'script-transform') {
    if (!hasScript) return null;
    const worker = new Worker(new URL('./frameWorker.ts', import.meta.url), {
      type: 'module',
      name: 'meshwork-frames',
    });
    return workerFrameProtector(worker, RTCRtpScriptTransform);
  }
  if (!hasStreams || !globalThis.crypto?.subtle) return null;
  return encodedStreamsFrameProtector(
    globalThis.crypto.subtle,
    (handler, ms) => globalThis.setInterval(handler, ms),
    (handle) => globalThis.clearInterval(handle as number),
  );
}
