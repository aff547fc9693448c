/** Canvas size, frame rate and bit rate of a recording. */
export interface RecordingQuality {
  width: number;
  height: number;
  fps: number;
  videoBitsPerSecond: number;
}

/** 720p at 24 fps: what a person expects of a call recording. */
export const NORMAL_RECORDING: RecordingQuality = {
  width: 1280,
  height: 720,
  fps: 24,
  videoBitsPerSecond: 2_500_000,
};

/** 360p at 15 fps, for `?quality=low` (tests, weak machines). */
export const LOW_RECORDING: RecordingQuality = {
  width: 640,
  height: 360,
  fps: 15,
  videoBitsPerSecond: 600_000,
};
