import { useEffect } from 'react';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/StoreContext';

interface Props {
  kind: 'audioinput' | 'videoinput';
}

/** Choose the camera or microphone; hidden until the browser lists devices. */
export function DeviceSelect({ kind }: Props) {
  const devices = useAppStore((s) => s.local.devices);
  const selected = useAppStore((s) =>
    kind === 'audioinput' ? s.local.audioDeviceId : s.local.videoDeviceId,
  );
  const choose = useAppStore((s) => s.chooseDevice);
  const watchDevices = useAppStore((s) => s.watchDevices);
  useEffect(() => watchDevices(), [watchDevices]);
  const t = useT().prejoin;
  const options = devices.filter((d) => d.kind === kind);
  if (options.length === 0) return null;
  const label = kind === 'audioinput' ? t.microphone : t.camera;
  const id = `device-${kind}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        className="input"
        value={selected ?? options[0]?.deviceId ?? ''}
        onChange={(e) => void choose(kind, e.target.value)}
      >
        {options.map((d, i) => (
          <option key={d.deviceId} value={d.deviceId}>
            {d.label || t.unnamed[kind](i + 1)}
          </option>
        ))}
      </select>
    </div>
  );
}
