// Test support: a stand-in for the mesh controller. Not part of the package's exports.
import type {
  LinkStats,
  MeshControllerApi,
  MeshControllerOptions,
  MeshEvents,
} from '@meshwork/mesh/runtime';
import type { IceServer, PeerId, PeerPlan, PublicKey } from '@meshwork/protocol';

type StatsListener = (stats: readonly LinkStats[]) => void;

/** A stats sampler the test drives: `sample()` plays one poll. */
export class FakeStats {
  readonly listeners = new Set<StatsListener>();
  latest: readonly LinkStats[] = [];

  subscribe(listener: StatsListener): () => void {
    // A wrapper per call, so one function subscribed twice counts twice (as the real sampler).
    const entry: StatsListener = (stats) => listener(stats);
    this.listeners.add(entry);
    return () => this.listeners.delete(entry);
  }
  sample(stats: readonly LinkStats[]): void {
    this.latest = stats;
    for (const l of [...this.listeners]) l(stats);
  }
}

/** Records every call the session makes and lets the test fire mesh events. */
export class FakeMesh implements MeshControllerApi {
  readonly options: MeshControllerOptions;
  readonly calls: Array<[string, ...unknown[]]> = [];
  readonly listeners = new Map<string, Set<(p: unknown) => void>>();
  readonly stats = new FakeStats();
  /** Every key set the session handed over, oldest first. */
  readonly peerKeys: Array<ReadonlyMap<PeerId, PublicKey>> = [];
  /** Every ICE server list handed over after creation, oldest first. */
  readonly iceServerUpdates: IceServer[][] = [];
  #chatSeq = 0;
  rejectedMessages = 0;
  closed = 0;
  constructor(options: MeshControllerOptions) {
    this.options = options;
  }
  setLocalStream(key: string, stream: MediaStream | null) {
    this.calls.push(['setLocalStream', key, stream]);
  }
  applyPlan(plan: PeerPlan) {
    this.calls.push(['applyPlan', plan.version]);
  }
  commitPlan(version: number) {
    this.calls.push(['commitPlan', version]);
  }
  handleSignal(from: string, epoch: number, signal: unknown) {
    this.calls.push(['handleSignal', from, epoch, signal]);
  }
  setPeerKeys(keys: ReadonlyMap<PeerId, PublicKey>) {
    this.peerKeys.push(keys);
  }
  setUplinkBudget(kbps: number) {
    this.calls.push(['setUplinkBudget', kbps]);
  }
  setIceServers(iceServers: IceServer[]) {
    this.iceServerUpdates.push(iceServers);
  }
  async sendChat(text: string) {
    const seq = ++this.#chatSeq;
    const sig = await this.options.signer.sign(text);
    this.calls.push(['sendChat', text, sig]);
    return { id: `${this.options.selfId}:${seq}`, origin: this.options.selfId, text, sentAt: 0 };
  }
  async sendFile() {
    return { transferId: 't' };
  }
  async getStats() {
    return [];
  }
  on<E extends keyof MeshEvents>(event: E, listener: (p: MeshEvents[E]) => void) {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    const entry = listener as (p: unknown) => void;
    set.add(entry);
    return () => set.delete(entry);
  }
  fire<E extends keyof MeshEvents>(event: E, payload: MeshEvents[E]) {
    for (const l of this.listeners.get(event) ?? []) l(payload);
  }
  /** Listeners the session still holds, over every event. */
  listenerTotal(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
  close() {
    this.closed++;
  }
}

/** One link's stats, with defaults for what a test does not care about. */
export function linkStats(peer: string, extra: Partial<LinkStats> = {}): LinkStats {
  return {
    peer,
    status: 'connected',
    rttMs: 10,
    outboundKbps: 100,
    inboundKbps: 100,
    packetLoss: 0,
    framesDecoded: 1,
    candidateType: 'host',
    ...extra,
  };
}
