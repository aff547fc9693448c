import type { Clock, Logger } from '@meshwork/kit';
import type {
  ChatMessage,
  CreateMediaStream,
  CreatePeerConnection,
  FrameProtector,
  LinkStats,
  MeshControllerApi,
  MeshControllerOptions,
  MeshEvents,
} from '@meshwork/mesh/runtime';
import type {
  AudioRouting,
  CapacityHints,
  ErrorCode,
  LobbyEntry,
  MediaFlags,
  PeerId,
  PeerInfo,
  PeerPlan,
  Reaction,
  RoomLink,
  RoomSettings,
  TopologySetting,
  UpdateRoomRequest,
} from '@meshwork/protocol';
import type { ConnectSocket } from './SignalConnection';

/** Where the session is, changed in one place. */
export type SessionStatus =
  | 'idle'
  | 'connecting'
  /** The room's lobby holds this session until the host lets it in (SPEC [P25]). */
  | 'waiting'
  | 'joined'
  | 'reconnecting'
  | 'failed'
  | 'left';

/** Why the session is reconnecting or failed; `error` is set when the server said why. */
export interface SessionStatusChange {
  status: SessionStatus;
  error?: ErrorCode | 'ERR_UNREACHABLE';
  message?: string;
  /** When reconnecting: the delay before the next attempt. */
  retryInMs?: number;
  /** When reconnecting: this attempt's number; when failed after the limit: attempts made. */
  attempt?: number;
  /** When reconnecting: why the connection was lost, as the transport reported it. */
  reason?: string;
}

/** The room as this session knows it, replaced (never mutated) on every change. */
export interface RoomView {
  roomId: string;
  selfId: PeerId;
  settings: RoomSettings;
  peers: readonly PeerInfo[];
  links: readonly RoomLink[];
  maxPeers: number;
}

/**
 * Mesh events a session passes through to its listeners. The others (`signalProduced`,
 * `planReady`, `linksReported`) are between the session and the signal app.
 */
export type PublicMeshEvent =
  | 'remoteStreamChanged'
  | 'remoteStreamRemoved'
  | 'linkStateChanged'
  | 'chatReceived'
  | 'fileProgressed'
  | 'fileReceived'
  | 'errorRaised'
  | 'framesCounted';

/** Events of a client session: its own, plus the public mesh events passed through. */
export interface SessionEvents extends Pick<MeshEvents, PublicMeshEvent> {
  statusChanged: SessionStatusChange;
  roomChanged: RoomView;
  /** A plan was prepared (phase one) or committed (phase two). */
  planChanged: { plan: PeerPlan; committed: boolean };
  peerLeft: { peerId: PeerId; reason: 'left' | 'timeout' | 'kicked' };
  /** Who waits in the room's lobby, in the order they asked (SPEC [P25]); empty on each join. */
  lobbyChanged: { waiting: readonly LobbyEntry[] };
  /** The room's raised hands, in the order raised (SPEC [P26]); empty on each join. */
  handsChanged: { hands: readonly PeerId[] };
  /** A member (this peer too) showed a reaction; `at` is the server's clock. */
  reacted: { peerId: PeerId; reaction: Reaction; at: number };
  /** Who records the call, in the order they started (SPEC [P29]); empty on each join. */
  recordingChanged: { recorders: readonly PeerId[] };
}

/** What a person (or bot) asks for when joining. */
export interface JoinOptions {
  roomId: string;
  displayName: string;
  password?: string;
  media: MediaFlags;
  capacity?: CapacityHints;
  /** A media hub's credential: only with it may `capacity.deviceClass` be `server` (SPEC [P17]). */
  hubToken?: string;
}

/** Listener of link stats, called with every sample of the current mesh controller. */
export type StatsListener = (stats: readonly LinkStats[]) => void;

/** Options of a client session. The socket, WebRTC and MediaStream implementations are injected. */
export interface ClientSessionOptions {
  /** Base URL of the signal app, e.g. `http://localhost:8080` (the page origin in the browser). */
  url: string;
  createPeerConnection: CreatePeerConnection;
  /** Passed to the mesh controller: `(t) => new MediaStream(t)`, or wrtc's in Node. */
  createMediaStream: CreateMediaStream;
  logger?: Logger;
  /** Reconnect backoff bounds. */
  reconnectDelayMs?: { min: number; max: number };
  /**
   * Failed reconnect attempts in a row before the session gives up and fails (default
   * `DEFAULT_MAX_RECONNECT_ATTEMPTS`; `Infinity` never gives up).
   */
  maxReconnectAttempts?: number;
  /** Time source for deadlines and backoff (defaults to the real one). */
  clock?: Clock;
  /** Random source in [0, 1) for backoff jitter (defaults to Math.random). */
  random?: () => number;
  /** Opens the Socket.IO socket (defaults to socket.io-client's `io`); tests inject a fake. */
  connect?: ConnectSocket;
  /**
   * This peer's uplink budget in kbit/s (the mesh runtime's `DEFAULT_UPLINK_KBPS`, 2,500, when
   * left out), spread over every track it sends and relays; `setUplinkBudget` changes it live.
   */
  uplinkKbps?: number;
  /**
   * Reports what holds this peer's outgoing video back (`qualityLimitationReason`) in its
   * capacity hints, so an automatic room can go star (SPEC [P28]). Samples the link stats while
   * on. Off by default: a bot claims a limitation through `capacity` instead.
   */
  reportLimitation?: boolean;
  /** Builds the mesh controller (defaults to `new MeshController(options)`); tests inject a fake. */
  createMesh?: (options: MeshControllerOptions) => MeshControllerApi;
  /**
   * WebCrypto for this session's signing key and for verifying peers' (SPEC [P14]); defaults to
   * `globalThis.crypto.subtle`, which a browser offers only in a secure context.
   */
  subtle?: SubtleCrypto;
  /**
   * End-to-end frame encryption for this platform (SPEC [P31]), e.g. `workerFrameProtector`;
   * without it this session never encrypts, and decodes only frames sent in the clear.
   */
  frameProtector?: FrameProtector;
}

/** Public surface of ClientSession (packages/client/src/ClientSession.ts). */
export interface ClientSessionApi {
  join(options: JoinOptions): Promise<void>;
  leave(): Promise<void>;
  setTopology(topology: TopologySetting, audioRouting?: AudioRouting): Promise<void>;
  setHub(hub: PeerId | null): Promise<void>;
  /** Host only (SPEC [P15]): control policy, lock, password; rejects with the server's code. */
  updateRoom(req: UpdateRoomRequest): Promise<void>;
  /** Host only: removes a peer from the room (its id is retired). */
  removePeer(peer: PeerId): Promise<void>;
  /** Host only: hands the host role to another member. */
  transferHost(peer: PeerId): Promise<void>;
  /** Raises (or lowers) this peer's hand (SPEC [P26]). */
  raiseHand(raised: boolean): Promise<void>;
  /** Host only: lowers `peer`'s hand. */
  lowerHand(peer: PeerId): Promise<void>;
  /** Shows a reaction to the room; rejects with `ERR_RATE_LIMITED` past the budget. */
  react(reaction: Reaction): Promise<void>;
  /**
   * Tells the room this peer started (or stopped) recording (SPEC [P29]); a start the server
   * refuses rejects with its code. While recording, a resumed session says so again.
   */
  setRecording(recording: boolean): Promise<void>;
  /** While reconnecting: tries the next attempt now instead of after its backoff. */
  retryNow(): void;
  /** Host only (SPEC [P25]): lets lobby waiter `id` in (`admit`), or turns it away. */
  answerLobby(id: string, admit: boolean): Promise<void>;
  /** Set (or clear) a local stream such as `cam` or `screen`, and tell the room the media flags. */
  setLocalStream(key: string, stream: MediaStream | null): void;
  /** This peer's uplink budget in kbit/s, re-spread over every sender at once. */
  setUplinkBudget(kbps: number): void;
  updateMedia(media: Partial<MediaFlags>): void;
  /** Tells the room changed capacity hints; a rejoin carries the latest ones. */
  updateCapacity(capacity: CapacityHints): void;
  /** Signs and sends a chat message to the room; resolves with it, for the local echo. */
  sendChat(text: string): Promise<ChatMessage>;
  /** Per-link numbers for quality badges, read on demand (never pushed through state). */
  getStats(): Promise<LinkStats[]>;
  /**
   * Every stats sample of the current mesh controller, following it across reconnects and
   * rebuilt meshes; nothing while there is none. The returned function unsubscribes.
   */
  subscribeStats(listener: StatsListener): () => void;
  sendFile(file: { name: string; mimeType: string; data: Uint8Array }): Promise<void>;
  on<E extends keyof SessionEvents>(
    event: E,
    listener: (payload: SessionEvents[E]) => void,
  ): () => void;
  readonly status: SessionStatus;
  readonly room: RoomView | null;
  readonly plan: PeerPlan | null;
  close(): void;
}
