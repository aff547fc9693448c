import { STREAM_KEY_PATTERN } from './patterns';
import type { StreamKey } from './primitives';

/** Whether `value` is a stream key (what `StreamKeySchema` accepts), without a schema library. */
export function isStreamKey(value: unknown): value is StreamKey {
  return typeof value === 'string' && STREAM_KEY_PATTERN.test(value);
}
