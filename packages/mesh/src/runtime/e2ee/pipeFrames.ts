import type { EncodedFrame, FramePipe } from './FramePipe';
import type { TransformOptions } from './workerMessages';

/**
 * Pipes one sender's or receiver's encoded frames through `pipe`, in order. A frame the pipe
 * drops is not passed on; the stream ends quietly when the connection closes.
 */
export function pipeFrames(
  readable: ReadableStream<EncodedFrame>,
  writable: WritableStream<EncodedFrame>,
  pipe: FramePipe,
  options: TransformOptions,
): Promise<void> {
  const transform = new TransformStream<EncodedFrame, EncodedFrame>({
    async transform(frame, controller) {
      const out = await pipe.transform(frame, options).catch(() => null);
      if (out !== null) controller.enqueue(out);
    },
  });
  return readable
    .pipeThrough(transform)
    .pipeTo(writable)
    .catch(() => undefined);
}
