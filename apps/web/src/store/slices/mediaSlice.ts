import type { AppSession } from '../../session/types';
import type { StoreDeps } from '../deps';
import type { AppStore, GetStore, LocalMedia, SetStore } from '../types';

/** The person's camera, microphone and screen share, before and during the call. */
export type MediaSlice = Pick<
  AppStore,
  | 'local'
  | 'startPreview'
  | 'stopLocalMedia'
  | 'refreshDevices'
  | 'watchDevices'
  | 'setMicrophone'
  | 'setCamera'
  | 'chooseDevice'
  | 'toggleScreenShare'
  | 'createLevelMeter'
>;

/** Before anything is captured: both wanted on, no devices known yet. */
export function initialLocalMedia(): LocalMedia {
  return {
    stream: null,
    screen: null,
    audio: true,
    video: true,
    problems: { audio: null, video: null },
    devices: [],
    audioDeviceId: null,
    videoDeviceId: null,
    acquiring: false,
  };
}

function inCall(state: AppStore): boolean {
  return (
    state.status === 'joined' || state.status === 'reconnecting' || state.status === 'connecting'
  );
}

/**
 * Camera and microphone. Muting the microphone disables its track (instant, no renegotiation);
 * turning the camera off stops its track so the camera light goes out, and a new `cam` stream
 * without it is handed to the session.
 */
export function createMediaSlice(set: SetStore, get: GetStore, deps: StoreDeps): MediaSlice {
  const { media } = deps;
  const patchLocal = (patch: Partial<LocalMedia>): void =>
    set({ local: { ...get().local, ...patch } });

  /** The session, while one is in (or joining) a room. */
  const live = (): AppSession | null => (inCall(get()) ? deps.sessions.current : null);

  /** Replaces the `cam` stream with these tracks and tells the session. */
  const publish = (tracks: MediaStreamTrack[]): void => {
    const stream = tracks.length > 0 ? media.compose(tracks) : null;
    patchLocal({ stream });
    const session = live();
    if (!session) return;
    session.setLocalStream('cam', stream);
    // The session derives flags from the tracks; a muted microphone still has a track.
    const { audio, video } = get().local;
    session.updateMedia({
      audio: audio && tracks.some((t) => t.kind === 'audio'),
      video: video && tracks.some((t) => t.kind === 'video'),
    });
  };
  const tracksOf = (kind: 'audio' | 'video'): MediaStreamTrack[] => {
    const stream = get().local.stream;
    if (!stream) return [];
    return kind === 'audio' ? stream.getAudioTracks() : stream.getVideoTracks();
  };

  const acquire = async (kind: 'audio' | 'video'): Promise<MediaStreamTrack | null> => {
    const local = get().local;
    const deviceId = kind === 'audio' ? local.audioDeviceId : local.videoDeviceId;
    patchLocal({ acquiring: true });
    const result = await media.capture({
      audio: kind === 'audio' ? (deviceId ?? true) : false,
      video: kind === 'video' ? (deviceId ?? true) : false,
    });
    patchLocal({
      acquiring: false,
      problems: { ...get().local.problems, [kind]: result.problems[kind] },
    });
    return result[kind];
  };

  const refreshDevices = async (): Promise<void> => {
    try {
      patchLocal({ devices: await media.listDevices() });
    } catch {
      // A device list is a convenience; capture still works with the defaults.
    }
  };

  const setMicrophone = async (on: boolean): Promise<void> => {
    const [track] = tracksOf('audio');
    if (track) {
      track.enabled = on;
      patchLocal({ audio: on });
      live()?.updateMedia({ audio: on });
      return;
    }
    if (!on) {
      patchLocal({ audio: false });
      return;
    }
    const fresh = await acquire('audio');
    if (!fresh) return;
    patchLocal({ audio: true });
    publish([fresh, ...tracksOf('video')]);
  };

  const setCamera = async (on: boolean): Promise<void> => {
    if (!on) {
      patchLocal({ video: false });
      for (const track of tracksOf('video')) track.stop();
      if (get().local.stream?.getVideoTracks().length) publish(tracksOf('audio'));
      else live()?.updateMedia({ video: false });
      return;
    }
    if (tracksOf('video').length > 0) {
      patchLocal({ video: true });
      live()?.updateMedia({ video: true });
      return;
    }
    const fresh = await acquire('video');
    if (!fresh) return;
    patchLocal({ video: true });
    publish([...tracksOf('audio'), fresh]);
  };

  return {
    local: initialLocalMedia(),
    refreshDevices,
    watchDevices() {
      return media.onDevicesChanged(() => void refreshDevices());
    },
    setMicrophone,
    setCamera,

    async startPreview() {
      deps.preloadSession?.();
      const local = get().local;
      if (local.stream || local.acquiring) return;
      patchLocal({ acquiring: true });
      const result = await media.capture({
        audio: local.audio ? (local.audioDeviceId ?? true) : false,
        video: local.video ? (local.videoDeviceId ?? true) : false,
      });
      // The person may have toggled a device, or joined, while the browser was asking.
      const now = get().local;
      if (result.video && !now.video) {
        result.video.stop();
        result.video = null;
      }
      if (result.audio) result.audio.enabled = now.audio;
      patchLocal({
        acquiring: false,
        problems: result.problems,
        // Without a working device the person joins with it off.
        audio: now.audio && result.audio !== null,
        video: now.video && result.video !== null,
      });
      publish([result.audio, result.video].filter((t): t is MediaStreamTrack => t !== null));
      await refreshDevices();
    },

    stopLocalMedia() {
      const { stream, screen } = get().local;
      for (const track of [...(stream?.getTracks() ?? []), ...(screen?.getTracks() ?? [])])
        track.stop();
      patchLocal({ stream: null, screen: null });
    },

    async chooseDevice(kind, deviceId) {
      const audio = kind === 'audioinput';
      patchLocal(audio ? { audioDeviceId: deviceId } : { videoDeviceId: deviceId });
      const on = audio ? get().local.audio : get().local.video;
      if (!on) return;
      const fresh = await acquire(audio ? 'audio' : 'video');
      if (!fresh) return;
      const old = tracksOf(audio ? 'audio' : 'video');
      for (const track of old) track.stop();
      publish(audio ? [fresh, ...tracksOf('video')] : [...tracksOf('audio'), fresh]);
    },

    async toggleScreenShare() {
      const current = get().local.screen;
      if (current) {
        for (const track of current.getTracks()) track.stop();
        patchLocal({ screen: null });
        live()?.setLocalStream('screen', null);
        return;
      }
      const screen = await media.captureScreen();
      if (!screen) return;
      patchLocal({ screen });
      // The browser's own "Stop sharing" button ends the track; follow it.
      for (const track of screen.getVideoTracks()) {
        track.addEventListener('ended', () => {
          if (get().local.screen === screen) void get().toggleScreenShare();
        });
      }
      live()?.setLocalStream('screen', screen);
    },

    createLevelMeter() {
      return media.createLevelMeter();
    },
  };
}
