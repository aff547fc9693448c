import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/StoreContext';
import { Icon } from '../common/Icon';

/** Microphone and camera on/off buttons, used before joining and in the call. */
export function MediaToggles() {
  const audio = useAppStore((s) => s.local.audio);
  const video = useAppStore((s) => s.local.video);
  const setMicrophone = useAppStore((s) => s.setMicrophone);
  const setCamera = useAppStore((s) => s.setCamera);
  const t = useT().prejoin;
  const micLabel = audio ? t.muteMic : t.unmuteMic;
  const camLabel = video ? t.cameraOffAction : t.cameraOnAction;
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
