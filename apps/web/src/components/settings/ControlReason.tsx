import { isolate } from '../../format/bidi';
import type { RoomRole } from '../../hooks/useRoomRole';
import { useT } from '../../i18n/useT';
import { Isolated } from '../common/Isolated';

/** Why this person cannot change topology or hub: the room's policy says only the host may. */
export function ControlReason({ id, role }: { id: string; role: RoomRole }) {
  const t = useT().settings;
  if (role.canControl) return null;
  return (
    <p className="muted small" id={id}>
      {role.hostName ? <Isolated text={t.onlyHostNamed(isolate(role.hostName))} /> : t.onlyHost}
    </p>
  );
}
