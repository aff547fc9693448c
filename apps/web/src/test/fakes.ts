import type { ChatMessage, LinkStats } from '@meshwork/mesh/runtime';
import type {
  PeerId,
  PeerInfo,
  PeerPlan,
  RoomSettings,
  Topology,
  UpdateRoomRequest,
} from '@meshwork/protocol';
import { vi } from 'vitest';
import type { CaptureResult, DeviceOption, LevelMeter, MediaApi } from '../media/types';
import type {
  AppSession,
  JoinOptions,
  RoomView,
  SessionEvents,
  SessionStatus,
  StatsListener,
} from '../session/types';

/** A stand-in MediaStreamTrack: kind, enabled, stop(). */
export function fakeTrack(kind: 'audio' | 'video', label = `${kind} track`): MediaStreamTrack {
  const listeners = new Set<() => void>();
  const track = {
    kind,
    label,
    id: `${kind}-${Math.random().toString(36).slice(2)}`,
    enabled: true,
    readyState: 'live' as MediaStreamTrackState,
    stop: vi.fn(() => {
      track.readyState = 'ended';
    }),
    addEventListener: (_: string, fn: () => void) => listeners.add(fn),
    removeEventListener: (_: string, fn: () => void) => listeners.delete(fn),
    end() {
      track.readyState = 'ended';
      for (const fn of listeners) fn();
    },
  };
  return track as unknown as MediaStreamTrack;
}

/** A stand-in MediaStream over the given tracks. */
export function fakeStream(tracks: readonly MediaStreamTrack[] = []): MediaStream {
  const list = [...tracks];
  return {
    id: `stream-${Math.random().toString(36).slice(2)}`,
    getTracks: () => [...list],
    getAudioTracks: () => list.filter((t) => t.kind === 'audio'),
    getVideoTracks: () => list.filter((t) => t.kind === 'video'),
  } as unknown as MediaStream;
}

/** A fake media stack; override `capture` per test. */
export function fakeMedia(
  overrides: Partial<MediaApi> = {},
): MediaApi & { devices: DeviceOption[] } {
  const devices: DeviceOption[] = [
    { deviceId: 'cam-1', kind: 'videoinput', label: 'Front camera' },
    { deviceId: 'cam-2', kind: 'videoinput', label: 'USB camera' },
    { deviceId: 'mic-1', kind: 'audioinput', label: 'Built-in microphone' },
  ];
  const meter: LevelMeter = {
    watch: vi.fn(),
    unwatch: vi.fn(),
    levels: () => new Map(),
    close: vi.fn(),
  };
  return {
    devices,
    capture: vi.fn(
      async ({ audio, video }): Promise<CaptureResult> => ({
        audio: audio === false ? null : fakeTrack('audio'),
        video: video === false ? null : fakeTrack('video'),
        problems: { audio: null, video: null },
      }),
    ),
    captureScreen: vi.fn(async () => fakeStream([fakeTrack('video', 'screen')])),
    listDevices: vi.fn(async () => devices),
    onDevicesChanged: () => () => {},
    compose: (tracks) => fakeStream(tracks),
    createLevelMeter: () => meter,
    ...overrides,
  };
}

type Listener = (payload: never) => void;

/** A fake ClientSession: records calls, and `emit` plays the part of the signal app and mesh. */
export class FakeSession implements AppSession {
  status: SessionStatus = 'idle';
  room: RoomView | null = null;
  plan: PeerPlan | null = null;
  readonly listeners = new Map<keyof SessionEvents, Set<Listener>>();
  readonly statsListeners = new Set<StatsListener>();
  join = vi.fn(async (_options: JoinOptions) => {});
  leave = vi.fn(async () => {});
  setTopology = vi.fn(async (_topology: Topology) => {});
  setHub = vi.fn(async (_hub: PeerId | null) => {});
  setLocalStream = vi.fn((_key: string, _stream: MediaStream | null) => {});
  setUplinkBudget = vi.fn((_kbps: number) => {});
  updateMedia = vi.fn();
  updateCapacity = vi.fn();
  /** Resolves with the signed message, as the session does; tests may override per call. */
  sendChat = vi.fn(
    async (text: string): Promise<ChatMessage> => ({
      id: `${this.room?.selfId ?? ids.me}:${++this.chatSeq}`,
      origin: this.room?.selfId ?? ids.me,
      text,
      sentAt: Date.now(),
    }),
  );
  private chatSeq = 0;
  updateRoom = vi.fn(async (_req: UpdateRoomRequest) => {});
  removePeer = vi.fn(async (_peer: PeerId) => {});
  transferHost = vi.fn(async (_peer: PeerId) => {});
  answerLobby = vi.fn(async (_id: string, _admit: boolean) => {});
  retryNow = vi.fn();
  raiseHand = vi.fn(async (_raised: boolean) => {});
  lowerHand = vi.fn(async (_peer: PeerId) => {});
  react = vi.fn(async (_reaction: string) => {});
  setRecording = vi.fn(async (_recording: boolean) => {});
  sendFile = vi.fn(async () => {});
  getStats = vi.fn(async (): Promise<LinkStats[]> => []);
  subscribeStats = vi.fn((listener: StatsListener) => {
    const entry: StatsListener = (stats) => listener(stats);
    this.statsListeners.add(entry);
    return () => {
      this.statsListeners.delete(entry);
    };
  });
  close = vi.fn();

  on<E extends keyof SessionEvents>(event: E, listener: (payload: SessionEvents[E]) => void) {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as Listener);
    return () => {
      set.delete(listener as Listener);
    };
  }

  emit<E extends keyof SessionEvents>(event: E, payload: SessionEvents[E]): void {
    if (event === 'statusChanged') this.status = (payload as SessionEvents['statusChanged']).status;
    if (event === 'roomChanged') this.room = payload as RoomView;
    for (const listener of this.listeners.get(event) ?? []) {
      (listener as (p: SessionEvents[E]) => void)(payload);
    }
  }

  /** Plays the part of the mesh's stats sampler: one sample to every stats subscriber. */
  pushStats(stats: readonly LinkStats[]): void {
    for (const listener of [...this.statsListeners]) listener(stats);
  }

  /** Listeners of every kind still attached: session events and stats. */
  listenerCount(): number {
    let n = this.statsListeners.size;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
}

/** Peer ids long enough for the protocol's pattern. */
export const ids = {
  me: 'peer-self-0001',
  ana: 'peer-ana-00002',
  bo: 'peer-bo-000003',
  cy: 'peer-cy-000004',
  di: 'peer-di-000005',
} as const;

/** A peer as the room lists it. */
export function peer(
  id: PeerId,
  displayName: string,
  joinedAt: number,
  extra: Partial<PeerInfo> = {},
): PeerInfo {
  return {
    id,
    displayName,
    joinedAt,
    media: { audio: true, video: true, screen: false },
    capacity: {},
    connected: true,
    publicKey: fakePublicKey(id),
    ...extra,
  };
}

/** A well-formed public key (87 base64url characters), distinct per peer id. */
export function fakePublicKey(id: PeerId): string {
  return `${id.replace(/[^A-Za-z0-9_-]/g, '')}${'A'.repeat(87)}`.slice(0, 87);
}

/** Room settings: mesh, elected hub, open to everyone, `ids.me` hosting, unless given. */
export function settings(extra: Partial<RoomSettings> = {}): RoomSettings {
  return {
    topology: 'mesh',
    audioRouting: 'follow',
    hubPreference: null,
    hostId: ids.me,
    controlPolicy: 'everyone',
    locked: false,
    passwordProtected: false,
    lobby: false,
    ...extra,
  };
}

/** A room view with these peers (self first unless given). */
export function roomView(peers: PeerInfo[], extra: Partial<RoomView> = {}): RoomView {
  return {
    roomId: 'brave-otter-42',
    selfId: ids.me,
    settings: settings(),
    peers,
    links: [],
    maxPeers: 16,
    ...extra,
  };
}
