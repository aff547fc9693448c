import { useAppStore } from '../../store/StoreContext';
import { Icon } from '../common/Icon';

/** Microphone and camera on/off buttons, used before joining and in the call. */
export function MediaToggles() {
  const audio = useAppStore((s) => s.local.audio);
  const video = useAppStore((s) => s.local.video);
  const setMicrophone = useAppStore((s) => s.setMicrophone);
  const setCamera = useAppStore((s) => s.setCamera);
  const micLabel = audio ? 'Mute microphone' : 'Unmute microphone';
  const camLabel = video ? 'Turn camera off' : 'Turn camera on';
  return (
    <>
      <button
        type="button"
        className={`btn btn-round ${audio ? '' : 'btn-off'}`}
        aria-label={micLabel}
        title={micLabel}
        onClick={() => void setMicrophone(!audio)}
      >
        <Icon name={audio ? 'mic' : 'micOff'} />
      </button>
      <button
        type="button"
        className={`btn btn-round ${video ? '' : 'btn-off'}`}
        aria-label={camLabel}
        title={camLabel}
        onClick={() => void setCamera(!video)}
      >
        <Icon name={video ? 'cam' : 'camOff'} />
      </button>
    </>
  );
}
