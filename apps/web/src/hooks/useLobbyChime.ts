import { useEffect, useRef } from 'react';
import { playChime } from '../media/chime';
import { useAppStore } from '../store/StoreContext';
import { useRoomRole } from './useRoomRole';

/** The host hears a chime whenever someone new asks to join (SPEC [P25]). */
export function useLobbyChime(): void {
  const { isHost } = useRoomRole();
  const lobby = useAppStore((s) => s.lobby);
  const seen = useRef<ReadonlySet<string>>(new Set());
  useEffect(() => {
    const fresh = lobby.some((w) => !seen.current.has(w.id));
    seen.current = new Set(lobby.map((w) => w.id));
    if (isHost && fresh) playChime();
  }, [lobby, isHost]);
}
