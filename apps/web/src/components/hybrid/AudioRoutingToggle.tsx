import { useState } from 'react';
import { useRoomRole } from '../../hooks/useRoomRole';
import { useAppStore } from '../../store/StoreContext';
import { HYBRID_STRINGS } from './strings';

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
        {HYBRID_STRINGS.toggleLabel}
      </label>
      <span className="muted small" id="audio-routing-hint">
        {inMesh ? HYBRID_STRINGS.toggleMeshHint : HYBRID_STRINGS.toggleHint}
      </span>
      {error && (
        <p className="error" role="alert">
          {HYBRID_STRINGS.toggleError(error)}
        </p>
      )}
    </div>
  );
}
