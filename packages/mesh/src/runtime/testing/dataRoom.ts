// Test support: data planes of a four-peer room with real signers, wired by their plans' forward
// and receive tables over a microtask bus that a test may tamper with. Not part of the package's
// export list.
import { FakeClock, noopLogger } from '@meshwork/kit';
import type { PeerId, PeerMessage, PeerPlan, Topology } from '@meshwork/protocol';
import { computeRoomPlan } from '../../plan';
import { DataPlane } from '../dataPlane/DataPlane';
import { dataArrivesFrom, dataNextHops } from '../forwarding';
import type { MeshEvents, Signer } from '../types';
import { nodeSubtle, testSigners } from './signers';

/** Peer ids of data rooms, in join order. */
export const DATA_IDS = ['peer-aaaa', 'peer-bbbb', 'peer-cccc', 'peer-dddd'];

/** Rewrites (or, returning null, drops) a message on the wire from `from` to `to`. */
export type Tamper = (from: PeerId, to: PeerId, m: PeerMessage) => PeerMessage | null;

function plansFor(topology: Topology, version: number): ReadonlyMap<PeerId, PeerPlan> {
  const peers = DATA_IDS.map((id, i) => ({ id, joinedAt: i, capacity: {} }));
  return computeRoomPlan(
    { topology, peers, hubPreference: null, failedLinks: new Set() },
    version,
    new Map(),
  ).peers;
}

/** A room whose plans in force are `topologies` (one per version); every key is published. */
export async function dataRoom(
  topologies: Topology[],
  tamper: Tamper = (_f, _t, m) => m,
  subtle: SubtleCrypto = nodeSubtle,
) {
  const clock = new FakeClock(1_700_000_000_000);
  const rooms = topologies.map((t, i) => plansFor(t, i + 1));
  const { signers, keys } = await testSigners(DATA_IDS);
  const planes = new Map<PeerId, DataPlane>();
  const events = new Map<PeerId, Array<{ event: keyof MeshEvents; payload: unknown }>>();
  const wire: Array<{ from: PeerId; to: PeerId; t: string }> = [];
  for (const self of DATA_IDS) {
    events.set(self, []);
    const inForce = rooms.flatMap((plans) => {
      const plan = plans.get(self);
      return plan === undefined ? [] : [plan];
    });
    const plane = new DataPlane({
      self,
      clock,
      logger: noopLogger,
      signer: signers.get(self) as Signer,
      subtle,
      nextHops: (origin, from) => dataNextHops(inForce, origin, from, () => true),
      arrivesFrom: (origin, from) => dataArrivesFrom(inForce, origin, from),
      send: async (to, message) => {
        wire.push({ from: self, to, t: message.t });
        const delivered = tamper(self, to, message);
        if (delivered !== null) queueMicrotask(() => planes.get(to)?.handle(self, delivered));
        return true;
      },
      emit: (event, payload) => events.get(self)?.push({ event, payload }),
    });
    plane.setPeerKeys(keys);
    planes.set(self, plane);
  }
  const of = (peer: PeerId, event: keyof MeshEvents) =>
    (events.get(peer) ?? []).filter((e) => e.event === event).map((e) => e.payload);
  const plane = (peer: PeerId) => {
    const p = planes.get(peer);
    if (p === undefined) throw new Error(peer);
    return p;
  };
  const signer = (peer: PeerId) => {
    const s = signers.get(peer);
    if (s === undefined) throw new Error(peer);
    return s;
  };
  return { clock, plane, of, wire, signer, keys, plans: rooms };
}
