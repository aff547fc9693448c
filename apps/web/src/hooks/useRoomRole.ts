import { useAppStore } from '../store/StoreContext';

/** This person's role in the room, as the server last said (SPEC [P15]). */
export interface RoomRole {
  /** This person is the room's host. */
  isHost: boolean;
  /** This person may change topology and hub under the room's policy. */
  canControl: boolean;
  /** The host's name, when known. */
  hostName: string | null;
}

/** Reads this person's role from the room's settings. */
export function useRoomRole(): RoomRole {
  const isHost = useAppStore((s) => s.room !== null && s.room.settings.hostId === s.room.selfId);
  const hostOnly = useAppStore((s) => s.room?.settings.controlPolicy === 'host');
  const hostName = useAppStore((s) => {
    const host = s.room?.settings.hostId;
    return host ? (s.names.get(host) ?? null) : null;
  });
  return { isHost, canControl: isHost || !hostOnly, hostName };
}
