import { errorText } from '../../i18n/errorText';
import { recordingFileName } from '../../recording/fileName';
import { recordingFrame } from '../../recording/frame';
import type { CallRecording } from '../../recording/types';
import { errorCodeOf, requireSession, type StoreDeps } from '../deps';
import type { AppStore, GetStore, SetStore } from '../types';

/** Local recording (SPEC [P29]): this person's recording, and who records, fed by the room. */
export type RecordingSlice = Pick<
  AppStore,
  'recorders' | 'recording' | 'startRecording' | 'stopRecording'
>;

/**
 * Creates the recording slice. The room hears that this person records before the first frame
 * is taken, and is told again when it stops; the file is saved when the recording ends, whether
 * stopped, left, or the call ended under it.
 */
export function createRecordingSlice(
  set: SetStore,
  get: GetStore,
  deps: StoreDeps,
): RecordingSlice {
  let current: CallRecording | null = null;
  let done: Promise<void> | null = null;
  let stopAsked = false;

  const tellRoom = (recording: boolean) =>
    deps.sessions.current?.setRecording(recording).catch(() => {
      // A session gone (left, failed) has taken its recording state with it.
    });

  const finish = async (recording: CallRecording, roomId: string, startedAt: Date) => {
    try {
      const file = await recording.finished;
      const name = recordingFileName(roomId, startedAt);
      deps.saveFile?.(file.blob, name);
      get().announce(deps.messages().recording.saved(name));
    } catch (error) {
      const m = deps.messages();
      get().announce(m.recording.failed(errorText(m, errorCodeOf(error))));
    } finally {
      current = null;
      set({ recording: 'idle' });
      await tellRoom(false);
    }
  };

  return {
    recorders: [],
    recording: 'idle',

    async startRecording() {
      if (get().recording !== 'idle') return;
      const start = deps.recorder;
      if (!start) {
        get().announce(deps.messages().recording.unsupported);
        return;
      }
      stopAsked = false;
      set({ recording: 'starting' });
      try {
        // Everyone sees the indicator before anything is recorded.
        await requireSession(deps.sessions).setRecording(true);
      } catch (error) {
        const code = errorCodeOf(error);
        set({ recording: 'idle' });
        const m = deps.messages();
        get().announce(
          code === 'ERR_RATE_LIMITED'
            ? m.recording.tooFast
            : m.recording.failed(errorText(m, code)),
        );
        return;
      }
      let recording: CallRecording;
      try {
        recording = await start(() => recordingFrame(get(), deps.messages()));
      } catch (error) {
        const code = errorCodeOf(error);
        set({ recording: 'idle' });
        await tellRoom(false);
        const m = deps.messages();
        get().announce(
          code === 'ERR_RECORDING_UNSUPPORTED'
            ? m.recording.unsupported
            : m.recording.failed(errorText(m, code)),
        );
        return;
      }
      current = recording;
      set({ recording: 'recording' });
      get().announce(deps.messages().recording.youStarted);
      done = finish(recording, get().roomId ?? get().room?.roomId ?? '', new Date());
      if (stopAsked) await get().stopRecording();
    },

    async stopRecording() {
      const phase = get().recording;
      if (phase === 'starting') {
        stopAsked = true;
        return;
      }
      if (phase !== 'recording' || !current) {
        await done;
        return;
      }
      set({ recording: 'saving' });
      current.stop();
      await done;
    },
  };
}
