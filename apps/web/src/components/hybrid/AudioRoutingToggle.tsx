import { useState } from 'react';
import { useRoomRole } from '../../hooks/useRoomRole';
import { errorText } from '../../i18n/errorText';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/StoreContext';

/**
 * "Audio: direct to everyone" (SPEC [P30]): audio over a full mesh while video keeps the star or
 * ring, as one plan for the whole room. Follows the room's control policy like the topology.
 */
export function AudioRoutingToggle() {
  const routing = useAppStore((s) => s.room?.settings.audioRouting ?? 'follow');
  const topology = useAppStore((s) => s.room?.settings.topology ?? 'mesh');
  const setAudioRouting = useAppStore((s) => s.setAudioRouting);
  const role = useRoomRole();
  const [error, setError] = useState<string | null>(null);
  const m = useT();
  const t = m.hybrid;
  const inMesh = topology === 'mesh';
  return (
    <div className="audio-routing">
      <label>
        <input
          type="checkbox"
          checked={routing === 'mesh'}
          disabled={!role.canControl}
          aria-describedby="audio-routing-hint"
          onChange={(e) => {
            setError(null);
            void setAudioRouting(e.currentTarget.checked ? 'mesh' : 'follow').then(setError);
          }}
        />{' '}
        {t.toggleLabel}
      </label>
      <span className="muted small" id="audio-routing-hint">
        {inMesh ? t.toggleMeshHint : t.toggleHint}
      </span>
      {error && (
        <p className="error" role="alert">
          {t.toggleError(errorText(m, error))}
        </p>
      )}
    </div>
  );
}
