import type { RecordingFrame } from './frame';

/** A finished recording, ready to save. */
export interface RecordedFile {
  blob: Blob;
  mimeType: string;
  durationMs: number;
}

/** A recording in progress. */
export interface CallRecording {
  /** Stops recording; `finished` then resolves with the file. Idempotent. */
  stop(): void;
  /** Resolves with the file once recording stopped (asked to, or the call ended). */
  readonly finished: Promise<RecordedFile>;
}

/**
 * Starts recording frames from `source`, read on every frame; a null frame means the call is
 * over, and the recording stops by itself. Rejects with a coded error when the browser cannot.
 */
export type StartRecording = (source: () => RecordingFrame | null) => Promise<CallRecording>;

/** Why a recording could not start. */
export class RecordingError extends Error {
  constructor(
    readonly code: 'ERR_RECORDING_UNSUPPORTED' | 'ERR_RECORDING_FAILED',
    message: string,
  ) {
    super(message);
    this.name = 'RecordingError';
  }
}
