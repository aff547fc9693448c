import type { Clock, Logger } from '@meshwork/kit';
import type {
  E2eeKeyPeerMessage,
  IceServer,
  LinkReport,
  PeerId,
  PeerPlan,
  PublicKey,
  Signal,
  StreamKey,
} from '@meshwork/protocol';
import type { FrameProtector } from './e2ee/FrameProtector';
import type { FrameCounts } from './e2ee/workerMessages';

/** Creates one RTCPeerConnection: the browser's, `@roamhq/wrtc`'s in Node, or a fake in tests. */
export type CreatePeerConnection = (config: RTCConfiguration) => RTCPeerConnection;

/** Makes the MediaStream a remote stream identity is shown in: the browser's, or wrtc's in Node. */
export type CreateMediaStream = (tracks: MediaStreamTrack[]) => MediaStream;

/** Lifecycle of one link, changed in one place. */
export type LinkStatus =
  | 'new'
  | 'connecting'
  | 'connected'
  | 'disconnected'
  | 'restarting'
  | 'failed'
  | 'closed';

/** Identity of a stream in the room: who captured it and which of their streams it is. */
export interface StreamIdentity {
  origin: PeerId;
  key: StreamKey;
}

/** How a remote stream reached this peer. */
export interface StreamRoute {
  /** Origin first, this peer last. */
  path: readonly PeerId[];
  hops: number;
  /** Only when the stream's audio travels another path than its video (a hybrid plan, [M27]). */
  audioPath?: readonly PeerId[];
}

/** Stable error codes of the mesh runtime, listed in packages/mesh/README.md. */
export type MeshErrorCode =
  | 'ERR_ICE_FAILED'
  | 'ERR_NEGOTIATION_FAILED'
  | 'ERR_BAD_SIGNAL'
  | 'ERR_BAD_PEER_MESSAGE'
  | 'ERR_DATA_CHANNEL'
  | 'ERR_FILE_TOO_LARGE'
  | 'ERR_FILE_HASH_MISMATCH'
  | 'ERR_FILE_ABORTED'
  | 'ERR_CLOSED'
  | 'ERR_BAD_OPTION'
  | 'ERR_BAD_STREAM_KEY'
  | 'ERR_PLAN_FOR_OTHER_PEER'
  | 'ERR_RECONCILE_UNSETTLED'
  | 'ERR_BAD_ARGUMENT'
  | 'ERR_BAD_SIGNATURE'
  | 'ERR_WRONG_ROUTE'
  | 'ERR_TOO_MANY_TRANSFERS'
  | 'ERR_STALE_MESSAGE'
  | 'ERR_E2EE_KEY'
  | 'ERR_E2EE_DECRYPT';

/** An error the runtime emits (network and peer failures are emitted, never swallowed). */
export interface MeshError {
  code: MeshErrorCode;
  message: string;
  peer?: PeerId;
}

/** A chat message, delivered exactly once to every peer of the room. */
export interface ChatMessage {
  /** Unique per message: `${origin}:${seq}`. */
  id: string;
  origin: PeerId;
  text: string;
  sentAt: number;
}

/** Progress of a file moving through this peer (sent by it, or received by it). */
export interface FileProgress {
  transferId: string;
  origin: PeerId;
  name: string;
  size: number;
  /** Bytes sent (for the origin) or received and verified-in-order (for a receiver). */
  bytes: number;
  direction: 'send' | 'receive';
}

/** A file fully received and verified against its SHA-256. */
export interface ReceivedFile {
  transferId: string;
  origin: PeerId;
  name: string;
  mimeType: string;
  size: number;
  sha256: string;
  data: Uint8Array;
}

/** Events the mesh controller emits, named as past-tense facts. */
export interface MeshEvents {
  /** Send this signal to `to` through the signal app. */
  signalProduced: { to: PeerId; epoch: number; signal: Signal };
  /** Send this frame-key message to `to` through the signal app's relay (SPEC [P33]). */
  e2eeKeyProduced: { to: PeerId; message: E2eeKeyPeerMessage };
  /** Every origin decodes over the routes of this prepared plan version. Tell the server. */
  planReady: { version: number };
  /** Link states changed; tell the server (it routes around `failed`). */
  linksReported: { links: LinkReport[] };
  /** A remote stream appeared, or arrived on a new track/route; same identity, same tile. */
  remoteStreamChanged: StreamIdentity & { stream: MediaStream; route: StreamRoute };
  /** A remote stream is gone (its origin left or stopped it). */
  remoteStreamRemoved: StreamIdentity;
  linkStateChanged: { peer: PeerId; status: LinkStatus };
  chatReceived: ChatMessage;
  fileProgressed: FileProgress;
  fileReceived: ReceivedFile;
  errorRaised: MeshError;
  /** End-to-end encryption's frame counts changed (SPEC [P31]): read transiently. */
  framesCounted: FrameCounts;
}

/** This session's signing key (SPEC [P14]); `createSigner(subtle)` makes one. */
export interface Signer {
  /** The raw P-256 public point, base64url: what the peer sends at join. */
  readonly publicKey: PublicKey;
  /** ECDSA/SHA-256 signature over `input`, IEEE P1363, base64url. */
  sign(input: string): Promise<string>;
}

/** Options of a MeshController. Everything with a side effect is injected. */
export interface MeshControllerOptions {
  selfId: PeerId;
  createPeerConnection: CreatePeerConnection;
  iceServers: readonly IceServer[];
  /**
   * Makes the MediaStream each remote stream identity is shown in, holding its first tracks:
   * `(tracks) => new MediaStream(tracks)` in the browser, wrtc's `MediaStream` in Node.
   * Required: the runtime never reaches for a platform global.
   */
  createMediaStream: CreateMediaStream;
  /** Signs this peer's chat and file announcements ([M19]). */
  signer: Signer;
  /** WebCrypto, for verifying other origins' signatures: `crypto.subtle` in browsers and Node. */
  subtle: SubtleCrypto;
  clock?: Clock;
  logger?: Logger;
  /**
   * This peer's uplink budget in kbit/s (default `DEFAULT_UPLINK_KBPS`, 2,500), spread over every
   * track it sends and relays ([M26]); `setUplinkBudget` changes it later.
   */
  uplinkKbps?: number;
  /**
   * End-to-end frame encryption (SPEC [P31]): every sender and receiver is piped through it, and
   * frame keys are exchanged on the links. Without it media is never encrypted.
   */
  frameProtector?: FrameProtector;
  /** Random bytes for frame keys (default `globalThis.crypto`). */
  random?: Pick<Crypto, 'getRandomValues'>;
}

/**
 * Per-link numbers for the UI, read transiently (never pushed through state). Bitrates and
 * packet loss are over the last sample window; `framesDecoded` counts since the link began.
 */
export interface LinkStats {
  peer: PeerId;
  status: LinkStatus;
  rttMs: number | null;
  outboundKbps: number;
  inboundKbps: number;
  packetLoss: number;
  framesDecoded: number;
  candidateType: string | null;
  /**
   * What holds back the video this peer sends on the link (`qualityLimitationReason` of its
   * outbound video, `cpu` before `bandwidth`); null when nothing does or the browser does not say.
   */
  qualityLimitation?: 'cpu' | 'bandwidth' | null;
}

/** Link stats sampled for everyone on one timer: subscribe while showing them. */
export interface LinkStatsFeed {
  /** Calls `listener` with every new sample; sampling runs only while someone listens. */
  subscribe(listener: (stats: readonly LinkStats[]) => void): () => void;
  /** The last sample taken while sampling runs; empty while nobody listens. */
  readonly latest: readonly LinkStats[];
}

/**
 * Public surface of the mesh controller (packages/mesh/src/runtime/MeshController.ts).
 * It reconciles links and forwarding with the plans it is given.
 */
export interface MeshControllerApi {
  /** Set (or clear with null) a local stream, such as `cam` or `screen`. */
  setLocalStream(key: StreamKey, stream: MediaStream | null): void;
  /** Phase one: a prepared plan. Opens new links and routes, keeps the old ones. */
  applyPlan(plan: PeerPlan): void;
  /** Phase two: stop old forwarding and close links the committed plan dropped. */
  commitPlan(version: number): void;
  /** A signal relayed by the signal app. */
  handleSignal(from: PeerId, epoch: number, signal: Signal): void;
  /**
   * A frame-key message the signal app relayed from `from` (SPEC [P33]). Optional: controllers
   * without encryption may leave it out.
   */
  handleRelayedE2eeKey?(from: PeerId, message: unknown): void;
  /** Send a chat message to the room; resolves once it is signed and handed to the links. */
  sendChat(text: string): Promise<ChatMessage>;
  /** The room's published signing keys; call on every change of the room view ([M19]). */
  setPeerKeys(keys: ReadonlyMap<PeerId, PublicKey>): void;
  /** ICE servers for links opened from now on (renewed TURN credentials). */
  setIceServers(iceServers: IceServer[]): void;
  /** A new uplink budget in kbit/s, re-spread over every sender at once ([M26]). */
  setUplinkBudget(kbps: number): void;
  /** Room-data messages dropped as forged, misrouted, stale or over a bound ([M19]-[M21]). */
  readonly rejectedMessages: number;
  /** Send a file to the room; resolves once every byte is handed to the links. */
  sendFile(file: { name: string; mimeType: string; data: Uint8Array }): Promise<{
    transferId: string;
  }>;
  /** One read of every link now, windowed since the previous `getStats()`; the feed is untouched. */
  getStats(): Promise<LinkStats[]>;
  /** The shared link stats sampler: one poll of every link per `STATS_INTERVAL_MS`. */
  readonly stats: LinkStatsFeed;
  /**
   * End-to-end encryption on or off for this page (SPEC [P31]); false when the controller has no
   * frame protector. Optional: controllers without encryption may leave it out.
   */
  setEndToEndEncryption?(enabled: boolean): boolean;
  /** End-to-end encryption's frame counts as last reported, or null. */
  readonly frameCounts?: FrameCounts | null;
  /** Stops using `origin`'s frame keys, now and later (a diagnostic and test hook). */
  withholdFrameKeys?(origin: PeerId): void;
  /** Subscribes to a controller event; returns the disposer. */
  on<E extends keyof MeshEvents>(event: E, listener: (payload: MeshEvents[E]) => void): () => void;
  /** Idempotent: closes every link and data channel, then the controller. */
  close(): void;
}
