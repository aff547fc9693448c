import type { TopologySetting } from '@meshwork/protocol';
import { useCallback, useState } from 'react';
import { decodersAfterSwitch } from '../../e2ee/plaintext';
import { useAppStore } from '../../store/StoreContext';
import { previewAutoChoice } from '../../topology/auto';

/** A topology switch waiting for the person to confirm it ends end-to-end encryption. */
export interface PendingSwitch {
  topology: TopologySetting;
  /** Names of the browsers that would decode others' video after it. */
  decoders: string[];
}

/**
 * Topology switches that ask first when they would end end-to-end encryption (SPEC [P31]): with
 * the room encrypting, a switch after which browsers would relay (and so decode) video waits in
 * `pending` until `confirm` (or `cancel`); any other switch goes at once.
 */
export function useGuardedTopology() {
  const room = useAppStore((s) => s.room);
  const names = useAppStore((s) => s.names);
  const setTopology = useAppStore((s) => s.setTopology);
  const [pending, setPending] = useState<PendingSwitch | null>(null);
  const choose = useCallback(
    (topology: TopologySetting) => {
      if (room?.settings.e2ee === true) {
        // Automatic is judged by what it would pick now.
        const planned =
          topology === 'auto' ? previewAutoChoice(room.settings, room.peers).topology : topology;
        const decoders = decodersAfterSwitch(planned, room.peers, room.settings.hubPreference);
        if (decoders.length > 0) {
          setPending({ topology, decoders: decoders.map((id) => names.get(id) ?? id) });
          return;
        }
      }
      void setTopology(topology);
    },
    [room, names, setTopology],
  );
  const confirm = useCallback(() => {
    if (pending) void setTopology(pending.topology);
    setPending(null);
  }, [pending, setTopology]);
  const cancel = useCallback(() => setPending(null), []);
  return { choose, pending, confirm, cancel };
}
