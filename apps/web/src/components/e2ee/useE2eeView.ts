import { useMemo } from 'react';
import {
  exposureOf,
  roomDecoders,
  type ShieldState,
  serversOf,
  shieldOf,
} from '../../e2ee/plaintext';
import { useAppStore } from '../../store/StoreContext';

/** What the call's encryption looks like to this person (SPEC [P31]), derived from the plan. */
export interface E2eeView {
  shield: ShieldState;
  /** This person's browser has no frame transforms (nothing it sends is encrypted). */
  unsupported: boolean;
  /** Names of browsers that decode this person's video to relay it. */
  myDecoders: string[];
  /** Names of media hubs that forward it without decoding. */
  myForwarders: string[];
  /** Names of every browser that decodes someone's video to relay it. */
  roomDecoders: string[];
  /** Names of people whose frames this page cannot decrypt. */
  undecryptable: string[];
}

/** The call's encryption as this person's page sees it. */
export function useE2eeView(): E2eeView {
  const room = useAppStore((s) => s.room);
  const plan = useAppStore((s) => s.plan);
  const names = useAppStore((s) => s.names);
  const encrypting = useAppStore((s) => (s.frameCounts?.encrypted ?? 0) > 0);
  const reporting = useAppStore((s) => s.frameCounts !== null);
  const undecryptable = useAppStore((s) => s.undecryptable);
  return useMemo(() => {
    const servers = serversOf(room?.peers ?? []);
    const nameOf = (id: string) => names.get(id) ?? id;
    const e2ee = room?.settings.e2ee === true;
    const mine = plan && room ? exposureOf(plan, room.selfId, servers) : null;
    return {
      shield: shieldOf({ e2ee, encrypting, plan, servers }),
      unsupported: e2ee && !reporting && typeof globalThis.RTCRtpScriptTransform !== 'function',
      myDecoders: (mine?.decoders ?? []).map(nameOf),
      myForwarders: (mine?.forwarders ?? []).map(nameOf),
      roomDecoders: plan ? [...roomDecoders(plan, servers).keys()].map(nameOf) : [],
      undecryptable: undecryptable.map(nameOf),
    };
  }, [room, plan, names, encrypting, reporting, undecryptable]);
}
