// Test support: MeshControllers over fake connections, signals on a microtask bus, plans from
// the real planner. Not part of the package's export list.
import { FakeClock } from '@meshwork/kit';
import type { PeerId, PeerPlan, Topology } from '@meshwork/protocol';
import { computeRoomPlan } from '../../plan';
import type { LinkKey } from '../../plan/types';
import { MeshController } from '../MeshController';
import type { MeshEvents } from '../types';
import { FakeMediaStream } from './FakeMediaStream';
import { FakeNetwork, type FakePeerConnection, fakeFactory } from './FakePeerConnection';
import { FakeTrack } from './FakeTrack';
import { nodeSubtle, testSigners } from './signers';

/** Peer ids of fake rooms, in join order. */
export const FAKE_IDS = ['peer-aaaa', 'peer-bbbb', 'peer-cccc', 'peer-dddd'];

/** The `createMediaStream` option over fake tracks. */
export const fakeMediaStream = (tracks: MediaStreamTrack[]): MediaStream =>
  new FakeMediaStream(tracks as unknown as FakeTrack[]) as unknown as MediaStream;

const RECORDED = [
  'planReady',
  'linksReported',
  'remoteStreamChanged',
  'remoteStreamRemoved',
  'errorRaised',
  'chatReceived',
] as const;

/**
 * A room of `n` controllers with real signers, each sending a fake camera as `cam` (and a fake
 * microphone too with `audio`), each with `uplinkKbps` if given.
 */
export async function fakeRoom(n: number, options: { uplinkKbps?: number; audio?: boolean } = {}) {
  const network = new FakeNetwork();
  const clock = new FakeClock();
  const ids = FAKE_IDS.slice(0, n);
  const { signers, keys } = await testSigners(ids);
  const log = new Map<PeerId, Array<{ event: keyof MeshEvents; payload: unknown }>>();
  const controllers = new Map<PeerId, MeshController>();
  let epochs: ReadonlyMap<LinkKey, number> = new Map();
  let version = 0;
  let plans: ReadonlyMap<PeerId, PeerPlan> = new Map();
  const cams = new Map<PeerId, FakeTrack>();
  const connections = new Map<PeerId, FakePeerConnection[]>();
  for (const id of ids) {
    const signer = signers.get(id);
    if (signer === undefined) throw new Error(id);
    const own: FakePeerConnection[] = [];
    connections.set(id, own);
    const create = fakeFactory(network);
    const c = new MeshController({
      selfId: id,
      createPeerConnection: (config) => {
        const pc = create(config);
        own.push(pc as unknown as FakePeerConnection);
        return pc;
      },
      ...(options.uplinkKbps === undefined ? {} : { uplinkKbps: options.uplinkKbps }),
      createMediaStream: fakeMediaStream,
      iceServers: [],
      signer,
      subtle: nodeSubtle,
      clock,
    });
    c.setPeerKeys(keys);
    controllers.set(id, c);
    log.set(id, []);
    for (const event of RECORDED) c.on(event, (payload) => log.get(id)?.push({ event, payload }));
    const cam = new FakeTrack('video');
    cams.set(id, cam);
    const tracks = options.audio ? [cam, new FakeTrack('audio')] : [cam];
    c.setLocalStream('cam', new FakeMediaStream(tracks) as unknown as MediaStream);
  }
  for (const [id, c] of controllers) {
    c.on('signalProduced', ({ to, epoch, signal }) =>
      queueMicrotask(() => controllers.get(to)?.handleSignal(id, epoch, signal)),
    );
  }
  const get = (id: PeerId) => {
    const c = controllers.get(id);
    if (c === undefined) throw new Error(id);
    return c;
  };
  const events = <E extends keyof MeshEvents>(id: PeerId, event: E) =>
    (log.get(id) ?? []).filter((e) => e.event === event).map((e) => e.payload as MeshEvents[E]);
  /** The latest stream shown at `id` from `origin`. */
  const shown = (id: PeerId, origin: PeerId) =>
    events(id, 'remoteStreamChanged')
      .filter((e) => e.origin === origin)
      .at(-1);
  return {
    network,
    clock,
    ids,
    cams,
    get,
    events,
    shown,
    get plans() {
      return plans;
    },
    /** Plan `version + 1` for `topology` over every peer, applied everywhere (phase one). */
    prepare(topology: Topology) {
      version += 1;
      const room = computeRoomPlan(
        {
          topology,
          peers: ids.map((id, i) => ({ id, joinedAt: i, capacity: {} })),
          hubPreference: null,
          failedLinks: new Set(),
        },
        version,
        epochs,
      );
      epochs = new Map([...epochs, ...room.epochs]);
      plans = room.peers;
      for (const id of ids) {
        const plan = plans.get(id);
        if (plan) get(id).applyPlan(plan);
      }
      return version;
    },
    /** Phase two everywhere. */
    commit() {
      for (const id of ids) get(id).commitPlan(version);
    },
    /** The open fake connections `id` made. */
    connectionsOf(id: PeerId) {
      return (connections.get(id) ?? []).filter((pc) => pc.connectionState !== 'closed');
    },
    /** Open (not closed) fake connections in the room. */
    openConnections() {
      return network.created.filter((pc: FakePeerConnection) => pc.connectionState !== 'closed')
        .length;
    },
  };
}

/** Hops of every (receiver, origin) pair's shown stream; -1 where none is shown. */
export function hopsEverywhere(r: Awaited<ReturnType<typeof fakeRoom>>): number[] {
  return r.ids.flatMap((id) =>
    r.ids.filter((o) => o !== id).map((o) => r.shown(id, o)?.route.hops ?? -1),
  );
}
