import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/StoreContext';
import { Icon } from '../common/Icon';

/**
 * Starts or stops this person's recording of the call. While the room is being told, or the file
 * written, the button says so and waits.
 */
export function RecordButton() {
  const phase = useAppStore((s) => s.recording);
  const start = useAppStore((s) => s.startRecording);
  const stop = useAppStore((s) => s.stopRecording);
  const S = useT().recording;
  const recording = phase === 'recording';
  const busy = phase === 'starting' || phase === 'saving';
  const label =
    phase === 'starting'
      ? S.starting
      : phase === 'saving'
        ? S.saving
        : recording
          ? S.stopRecording
          : S.record;
  return (
    <button
      type="button"
      className={`btn btn-round btn-record${recording ? ' btn-recording' : ''}`}
      aria-label={label}
      title={label}
      aria-pressed={recording}
      aria-busy={busy}
      disabled={busy}
      onClick={() => void (recording ? stop() : start())}
    >
      <Icon name={recording ? 'stop' : 'record'} />
    </button>
  );
}
