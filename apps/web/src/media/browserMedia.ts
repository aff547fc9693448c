import { createWebAudioLevelMeter } from './levelMeter';
import { problemFromError } from './problems';
import type { CaptureRequest, CaptureResult, DeviceOption, DeviceProblem, MediaApi } from './types';

/** Camera constraints by quality preset; every relay re-encodes, so frames stay modest. */
const VIDEO_PRESETS = {
  normal: { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 24, max: 30 } },
  // For tests and weak machines: several encoders stay affordable on two cores (TESTING.md).
  low: { width: { ideal: 320 }, height: { ideal: 180 }, frameRate: { ideal: 15, max: 15 } },
} satisfies Record<string, MediaTrackConstraints>;

/** A camera quality preset. */
export type QualityPreset = keyof typeof VIDEO_PRESETS;

function constraintsFor(
  request: CaptureRequest,
  base: MediaTrackConstraints,
): MediaTrackConstraints {
  return typeof request === 'string' ? { ...base, deviceId: { exact: request } } : base;
}

async function captureOne(
  kind: 'audio' | 'video',
  request: CaptureRequest,
  quality: QualityPreset,
): Promise<MediaStreamTrack | DeviceProblem> {
  const base =
    kind === 'video' ? VIDEO_PRESETS[quality] : { echoCancellation: true, noiseSuppression: true };
  try {
    const stream = await navigator.mediaDevices.getUserMedia({
      [kind]: constraintsFor(request, base),
    });
    const [track] = kind === 'video' ? stream.getVideoTracks() : stream.getAudioTracks();
    return track ?? 'not-found';
  } catch (error) {
    return problemFromError(error);
  }
}

/** The browser's media stack: getUserMedia, getDisplayMedia, enumerateDevices, Web Audio. */
export function createBrowserMedia(quality: QualityPreset = 'normal'): MediaApi {
  return {
    async capture({ audio, video }): Promise<CaptureResult> {
      const result: CaptureResult = {
        audio: null,
        video: null,
        problems: { audio: null, video: null },
      };
      if (!navigator.mediaDevices?.getUserMedia) {
        if (audio !== false) result.problems.audio = 'unsupported';
        if (video !== false) result.problems.video = 'unsupported';
        return result;
      }
      // One request per kind, so a denied camera still lets the microphone through.
      const [a, v] = await Promise.all([
        audio === false ? null : captureOne('audio', audio, quality),
        video === false ? null : captureOne('video', video, quality),
      ]);
      if (typeof a === 'string') result.problems.audio = a;
      else result.audio = a;
      if (typeof v === 'string') result.problems.video = v;
      else result.video = v;
      return result;
    },

    async captureScreen() {
      if (!navigator.mediaDevices?.getDisplayMedia) return null;
      try {
        return await navigator.mediaDevices.getDisplayMedia({
          video: { frameRate: 15 },
          audio: false,
        });
      } catch {
        // The person closed the picker; not an error worth showing.
        return null;
      }
    },

    async listDevices(): Promise<DeviceOption[]> {
      if (!navigator.mediaDevices?.enumerateDevices) return [];
      const devices = await navigator.mediaDevices.enumerateDevices();
      return devices
        .filter(
          (d): d is MediaDeviceInfo & { kind: DeviceOption['kind'] } =>
            d.kind === 'audioinput' || d.kind === 'videoinput',
        )
        .filter((d) => d.deviceId !== '')
        .map((d) => ({
          deviceId: d.deviceId,
          kind: d.kind,
          // Unnamed devices (no permission yet) are numbered in the page's language when shown.
          label: d.label,
        }));
    },

    onDevicesChanged(listener) {
      const devices = navigator.mediaDevices;
      if (!devices?.addEventListener) return () => {};
      devices.addEventListener('devicechange', listener);
      return () => devices.removeEventListener('devicechange', listener);
    },

    compose(tracks) {
      return new MediaStream([...tracks]);
    },

    createLevelMeter: createWebAudioLevelMeter,
  };
}
