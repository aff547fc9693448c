import type { RoomRole } from '../../hooks/useRoomRole';
import { Name } from '../common/Name';

/** Why this person cannot change topology or hub: the room's policy says only the host may. */
export function ControlReason({ id, role }: { id: string; role: RoomRole }) {
  if (role.canControl) return null;
  return (
    <p className="muted small" id={id}>
      Only the host
      {role.hostName ? (
        <>
          {' '}
          (<Name>{role.hostName}</Name>)
        </>
      ) : null}{' '}
      can change this in this room.
    </p>
  );
}
