// The store's types and nothing else: every store module, the bridge and the components import
// from here, and this file imports no store module, so the store has no import cycles.
import type {
  ChatMessage,
  FileProgress,
  FrameCounts,
  LinkStats,
  LinkStatus,
  ReceivedFile,
  StreamRoute,
} from '@meshwork/mesh/runtime';
import type {
  AudioRouting,
  ErrorCode,
  LobbyEntry,
  PeerId,
  PeerPlan,
  Reaction,
  StreamKey,
  TopologySetting,
  UpdateRoomRequest,
} from '@meshwork/protocol';
import type { StoreApi } from 'zustand/vanilla';
import type { Messages } from '../i18n/messages';
import type { DeviceOption, DeviceProblem, LevelMeter } from '../media/types';
import type {
  RoomView,
  SessionEvents,
  SessionStatus,
  SessionStatusChange,
  StatsListener,
} from '../session/types';

/** A remote stream with the route it arrives by; one per (origin, key). */
export interface RemoteStream {
  origin: PeerId;
  key: StreamKey;
  stream: MediaStream;
  route: StreamRoute;
}

/** A received file's bytes, held only until saved or until the held-bytes limit pushes them out. */
export interface ReceivedBytes extends Pick<ReceivedFile, 'sha256'> {
  /** The verified bytes; null once released. Never rendered in the app's origin. */
  data: Uint8Array | null;
  /** Why the bytes were let go: saved by the person, or dropped to stay under the limit. */
  released: 'saved' | 'expired' | null;
}

/** A file moving through the room, as the files panel shows it. */
export interface FileEntry extends FileProgress {
  /** Set once the whole file arrived and its SHA-256 matched. */
  received?: ReceivedBytes;
}

/** One sentence for the screen-reader live region (and the visible toast). */
export interface Announcement {
  id: number;
  text: string;
}

/** Which side panel is open. */
export type Panel = 'chat' | 'participants' | 'files' | null;

/** The person's own media, before and during the call. */
export interface LocalMedia {
  /** Camera and microphone tracks that are live, composed into one stream (`cam`). */
  stream: MediaStream | null;
  screen: MediaStream | null;
  /** Whether the person wants each on. */
  audio: boolean;
  video: boolean;
  problems: { audio: DeviceProblem | null; video: DeviceProblem | null };
  devices: readonly DeviceOption[];
  audioDeviceId: string | null;
  videoDeviceId: string | null;
  /** True while a capture request is pending. */
  acquiring: boolean;
}

/** The last topology change this person asked for and its outcome. */
export interface TopologyRequest {
  topology: TopologySetting;
  pending: boolean;
  error: string | null;
}

/** The app's whole state: session facts fed by the bridge, local media and UI choices. */
export interface AppState {
  status: SessionStatus;
  statusDetail: SessionStatusChange | null;
  room: RoomView | null;
  plan: PeerPlan | null;
  /** Keyed by `streamKeyOf(origin, key)`. */
  remoteStreams: ReadonlyMap<string, RemoteStream>;
  linkStates: ReadonlyMap<PeerId, LinkStatus>;
  chat: readonly ChatMessage[];
  files: ReadonlyMap<string, FileEntry>;
  announcements: readonly Announcement[];
  /** Id of the last announcement made; ids only grow, so toasts never share a key. */
  lastAnnouncementId: number;
  /** Names of peers seen in this room, kept after they leave for announcements and chat. */
  names: ReadonlyMap<PeerId, string>;

  displayName: string;
  /** This person's uplink budget in kbit/s, remembered across visits. */
  uplinkKbps: number;
  roomId: string | null;
  joinError: ErrorCode | 'ERR_UNREACHABLE' | null;
  needsPassword: boolean;
  joining: boolean;
  local: LocalMedia;

  /** The pinned tile's id (`streamKeyOf(origin, key)`). */
  pinned: string | null;
  activeSpeaker: PeerId | null;
  panel: Panel;
  settingsOpen: boolean;
  unreadChat: number;
  topologyRequest: TopologyRequest | null;
  /** Who waits in the room's lobby, in the order they asked (SPEC [P25]). */
  lobby: readonly LobbyEntry[];
  /** Peers whose hand is up, in the order raised (SPEC [P26]). */
  hands: readonly PeerId[];
  /** Recent reactions, oldest first; each tile shows its origin's latest for a moment. */
  reactions: readonly ShownReaction[];
  /** Who records the call, in the order they started (SPEC [P29]); this person too. */
  recorders: readonly PeerId[];
  /** This person's own recording. */
  recording: RecordingPhase;
  /** End-to-end encryption's frame counts as last reported (SPEC [P31]), or null. */
  frameCounts: FrameCounts | null;
  /** Origins whose frames arrive but open under no key held here, in the order noticed. */
  undecryptable: readonly PeerId[];
}

/** Where this person's recording is: asking the room, recording, or writing the file. */
export type RecordingPhase = 'idle' | 'starting' | 'recording' | 'saving';

/** A reaction as the tiles show it; ids only grow, so a repeat is a new one. */
export interface ShownReaction {
  id: number;
  peer: PeerId;
  reaction: Reaction;
}

/** Session events the UI shows; the others are between the session and the signal app. */
export type FedEvent = Exclude<
  keyof SessionEvents,
  'signalProduced' | 'planReady' | 'linksReported'
>;

/** What the bridge feeds in: one action per session event, each a plain state update. */
export type SessionFeed = { [E in FedEvent]: (payload: SessionEvents[E]) => void };

/** What components can ask for. */
export interface AppActions {
  feed: SessionFeed;
  setDisplayName(name: string): void;
  startPreview(): Promise<void>;
  stopLocalMedia(): void;
  refreshDevices(): Promise<void>;
  /** Keeps the device list current as devices come and go; returns a disposer. */
  watchDevices(): () => void;
  setMicrophone(on: boolean): Promise<void>;
  /** Sets and remembers the uplink budget, applied to the call at once. */
  setUplinkBudget(kbps: number): void;
  setCamera(on: boolean): Promise<void>;
  chooseDevice(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void>;
  toggleScreenShare(): Promise<void>;
  join(roomId: string, password?: string): Promise<void>;
  leave(): Promise<void>;
  /** While reconnecting: try again now rather than after the backoff. */
  retryNow(): void;
  setTopology(topology: TopologySetting): Promise<void>;
  /**
   * Audio straight to everyone (`mesh`) or along the topology (`follow`), SPEC [P30]; resolves
   * with null once the server took it, else with its error code.
   */
  setAudioRouting(audioRouting: AudioRouting): Promise<string | null>;
  setHub(hub: PeerId | null): Promise<void>;
  /** Host only: policy, lock, password; resolves true once the server accepted it. */
  updateRoom(req: UpdateRoomRequest): Promise<boolean>;
  /** Host only: removes a peer from the room. */
  removePeer(peer: PeerId): Promise<void>;
  /** Host only: makes another member the host. */
  transferHost(peer: PeerId): Promise<void>;
  /** Raises or lowers this person's hand. */
  raiseHand(raised: boolean): Promise<void>;
  /** Host only (SPEC [P31]): the room's end-to-end encryption on or off. */
  setEndToEndEncryption(on: boolean): Promise<boolean>;
  /** Host only: lowers another person's hand. */
  lowerHand(peer: PeerId): Promise<void>;
  /** Shows a reaction to the room. */
  react(reaction: Reaction): Promise<void>;
  /** Records the call on this device once the room shows everyone it does (SPEC [P29]). */
  startRecording(): Promise<void>;
  /** Stops recording and saves the file; resolves once it is offered. */
  stopRecording(): Promise<void>;
  /** Host only: lets a lobby waiter in (`admit`) or turns them away. */
  answerLobby(id: string, admit: boolean): Promise<void>;
  sendChat(text: string): Promise<void>;
  sendFile(file: Blob & { name: string }): Promise<void>;
  /** Offers a received file as an opaque download; its bytes then leave memory. */
  saveFile(transferId: string): void;
  pin(tileId: string | null): void;
  setActiveSpeaker(peer: PeerId | null): void;
  togglePanel(panel: Exclude<Panel, null>): void;
  closePanel(): void;
  setSettingsOpen(open: boolean): void;
  announce(text: string): void;
  dismissAnnouncement(id: number): void;
  copyInvite(): Promise<boolean>;
  /** Link numbers on every sample, read transiently by hooks; never stored. */
  subscribeStats(listener: StatsListener): () => void;
  /** The link numbers of the last sample. */
  latestStats(): readonly LinkStats[];
  createLevelMeter(): LevelMeter;
  /** The page is going away: leave the room and release the devices. */
  shutdown(): void;
}

/** State and actions together, as components select them. */
export type AppStore = AppState & AppActions;

/** A vanilla zustand store for one page; provided to components through StoreProvider. */
export type AppStoreApi = StoreApi<AppStore>;

/** The store's setter, as slices receive it. */
export type SetStore = AppStoreApi['setState'];

/** The store's getter, as slices receive it. */
export type GetStore = () => AppStore;

/** A state change worked out by a pure reducer; `null` when nothing changes. */
export type Patch = Partial<AppState> | null;

/** Pure reducers of session events: the state before and the event in, the change out. */
export type FeedReducers = {
  /** `m`: the catalogue of the page's language, for what the change announces. */
  [E in FedEvent]: (state: AppState, payload: SessionEvents[E], m: Messages) => Patch;
};
