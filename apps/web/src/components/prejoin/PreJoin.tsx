import { type FormEvent, useEffect, useState } from 'react';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/StoreContext';
import { StatusBanner } from '../common/StatusBanner';
import { VideoView } from '../common/VideoView';
import { DeviceProblems } from './DeviceProblems';
import { DeviceSelect } from './DeviceSelect';
import { joinErrorText } from './joinErrorText';
import { MediaToggles } from './MediaToggles';

/** Name, camera and microphone preview with device choice, password when needed, then Join. */
export function PreJoin({ roomId }: { roomId: string }) {
  const displayName = useAppStore((s) => s.displayName);
  const setDisplayName = useAppStore((s) => s.setDisplayName);
  const stream = useAppStore((s) => s.local.stream);
  const video = useAppStore((s) => s.local.video);
  const startPreview = useAppStore((s) => s.startPreview);
  const join = useAppStore((s) => s.join);
  const joining = useAppStore((s) => s.joining || s.status === 'connecting');
  const joinError = useAppStore((s) => s.joinError);
  const needsPassword = useAppStore((s) => s.needsPassword);
  const [password, setPassword] = useState('');
  const m = useT();
  const t = m.prejoin;

  useEffect(() => {
    void startPreview();
  }, [startPreview]);

  const nameOk = displayName.trim().length > 0;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!nameOk || joining) return;
    void join(roomId, needsPassword ? password : undefined);
  };

  return (
    <main className="prejoin">
      <StatusBanner />
      <form className="card prejoin-card" onSubmit={submit}>
        <div className="preview">
          {video && stream ? (
            <VideoView stream={stream} self className="preview-video" label={t.preview} />
          ) : (
            <div className="preview-off">{video ? t.startingCamera : t.cameraOff}</div>
          )}
          <div className="preview-controls">
            <MediaToggles />
          </div>
        </div>
        <div className="prejoin-form">
          <h1>
            {t.join} <span className="room-name">{roomId}</span>
          </h1>
          <DeviceProblems />
          <div className="field">
            <label htmlFor="display-name">{t.yourName}</label>
            <input
              id="display-name"
              className="input"
              value={displayName}
              maxLength={48}
              autoComplete="nickname"
              onChange={(e) => setDisplayName(e.target.value)}
            />
          </div>
          {needsPassword && (
            <div className="field">
              <label htmlFor="room-password">{t.password}</label>
              <input
                id="room-password"
                className="input"
                type="password"
                value={password}
                autoComplete="off"
                onChange={(e) => setPassword(e.target.value)}
              />
            </div>
          )}
          <DeviceSelect kind="videoinput" />
          <DeviceSelect kind="audioinput" />
          {joinError && (
            <p className="error" role="alert">
              {joinErrorText(joinError, m)}
            </p>
          )}
          <button type="submit" className="btn btn-primary btn-wide" disabled={!nameOk || joining}>
            {joining ? t.joining : t.join}
          </button>
        </div>
      </form>
    </main>
  );
}
