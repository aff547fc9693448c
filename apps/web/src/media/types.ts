/** Why a camera or microphone is not available, in words the UI can explain. */
export type DeviceProblem = 'denied' | 'not-found' | 'in-use' | 'unsupported' | 'failed';

/** One capture device a person can pick. */
export interface DeviceOption {
  deviceId: string;
  kind: 'audioinput' | 'videoinput';
  /** The browser's name for the device; empty before permission is given. */
  label: string;
}

/** What to capture: `false` for nothing, `true` for the default device, or a device id. */
export type CaptureRequest = boolean | string;

/** The result of asking for camera and microphone: tracks that worked, problems for the rest. */
export interface CaptureResult {
  audio: MediaStreamTrack | null;
  video: MediaStreamTrack | null;
  problems: { audio: DeviceProblem | null; video: DeviceProblem | null };
}

/** Measures how loud streams are, for the active speaker. */
export interface LevelMeter {
  /** Start measuring `stream` under `id`; measuring the same id again replaces it. */
  watch(id: string, stream: MediaStream): void;
  unwatch(id: string): void;
  /** Current level per id, 0..1. */
  levels(): ReadonlyMap<string, number>;
  close(): void;
}

/**
 * Everything the app needs from the browser's media stack. The browser implementation lives in
 * `browserMedia.ts`; tests pass a fake.
 */
export interface MediaApi {
  capture(request: { audio: CaptureRequest; video: CaptureRequest }): Promise<CaptureResult>;
  captureScreen(): Promise<MediaStream | null>;
  listDevices(): Promise<DeviceOption[]>;
  /** Calls back when devices are plugged in or out; returns a disposer. */
  onDevicesChanged(listener: () => void): () => void;
  /** A new stream over the given tracks. */
  compose(tracks: readonly MediaStreamTrack[]): MediaStream;
  createLevelMeter(): LevelMeter;
}
