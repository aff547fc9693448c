import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/StoreContext';

/** Clear messages when the camera or microphone is denied, missing or busy. */
export function DeviceProblems() {
  const problems = useAppStore((s) => s.local.problems);
  const t = useT().prejoin.problem;
  const messages = [
    problems.video ? t.camera[problems.video] : null,
    problems.audio ? t.microphone[problems.audio] : null,
  ].filter((m): m is string => m !== null);
  if (messages.length === 0) return null;
  return (
    <div className="notice" role="alert">
      {messages.map((m) => (
        <p key={m}>{m}</p>
      ))}
    </div>
  );
}
