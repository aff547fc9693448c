import type { Clock } from '@meshwork/kit';
import type {
  CapacityHints,
  ErrorCode,
  LinkReport,
  MediaFlags,
  PeerId,
  PeerPlan,
  PublicKey,
  ResumeHints,
  RoomSnapshot,
  ServerToClientEvents,
  Signal,
} from '@meshwork/protocol';

/** Opaque id of one client connection (the socket id, to the server). */
export type ConnId = string;

/** One event to send to one connection. */
export type Emit = {
  [E in keyof ServerToClientEvents]: {
    type: 'emit';
    conn: ConnId;
    event: E;
    payload: Parameters<ServerToClientEvents[E]>[0];
  };
}[keyof ServerToClientEvents];

/** Something the transport must do after a registry call: send an event, or drop a connection. */
export type Effect = Emit | { type: 'disconnect'; conn: ConnId };

/** A registry call's outcome: a value or a coded error, plus the effects to deliver. */
export type Outcome<T extends object = object> =
  | ({ ok: true; effects: Effect[] } & T)
  | { ok: false; error: ErrorCode; effects: Effect[] };

/** A verified resume token's claim, with the client's memory of its room. */
export interface ResumeRequest {
  peerId: PeerId;
  joinedAt: number;
  /** The token says this peer was the host when it was issued (a rebuilt room adopts it). */
  host?: boolean;
  /**
   * The room's password hash when the token was issued (null: the room was open). A room this
   * resume creates after a restart takes it, so its password survives (SPEC [P18]).
   */
  passwordHash?: string | null;
  hints?: ResumeHints;
}

/** A join, already checked for shape, room id and display name rules. */
export interface JoinInput {
  conn: ConnId;
  roomId: string;
  displayName: string;
  password?: string;
  media?: MediaFlags;
  capacity?: CapacityHints;
  /** The session's signing key (SPEC [P14]); a resumed id must bring the key it had. */
  publicKey: PublicKey;
  /** True when the server layer verified the join's `hubToken` (SPEC [P17]). */
  hubVerified?: boolean;
  /** Present when the request carried a valid resume token for this room. */
  resume?: ResumeRequest;
}

/** A successful join. */
export interface Joined {
  peerId: PeerId;
  joinedAt: number;
  resumed: boolean;
  room: RoomSnapshot;
  plan: PeerPlan;
  /** The room's stored password hash, for the resume token only; never sent as it is. */
  passwordHash: string | null;
}

/** A change to a peer's own details. */
export interface PeerUpdate {
  displayName?: string;
  media?: { [K in keyof MediaFlags]?: MediaFlags[K] | undefined };
  capacity?: CapacityHints;
}

/** A relay request from one peer. */
export interface RelayRequest {
  to: PeerId;
  epoch: number;
  signal: Signal;
}

/** Reported links of one peer. */
export type LinkReports = readonly LinkReport[];

/** Called when the registry issues a plan version (for metrics). */
export interface RegistryHooks {
  planIssued?(roomId: string, version: number): void;
}

/** How a RoomRegistry is built; every side effect is injected. */
export interface RegistryOptions {
  clock: Clock;
  maxPeersPerRoom: number;
  /** How long a disconnected peer is kept before it is removed with reason `timeout`. */
  graceMs: number;
  /** How long a prepared plan waits for every connected peer's `planReady`. */
  commitDeadlineMs: number;
  /** How long neighbours' reports must point at a peer before it is routed around (SPEC [P22]). */
  linkDownConfirmMs?: number;
  /** Backoff of failed-link retries (SPEC [P22]); `LINK_RETRY_BACKOFF_MS` by default. */
  linkRetryBackoffMs?: readonly number[] | undefined;
  /** Receives effects produced by timers (deadline commits, grace expiry). */
  onEffects: (effects: Effect[]) => void;
  hooks?: RegistryHooks;
  /**
   * Key of plan proofs (SPEC [P16]); the server passes its resume secret so proofs outlive a
   * restart. Random per registry when absent.
   */
  planSecret?: string | Uint8Array;
  /**
   * The version a room this registry creates starts above (a cluster node taking a room over
   * passes the last version Redis holds for it, so versions never count backwards). 0 if absent.
   */
  versionFloor?: (roomId: string) => number;
  /** Password hashing, injectable so tests can use a cheap one. */
  passwords?: {
    hash(password: string): Promise<string>;
    verify(password: string, hash: string): Promise<boolean>;
  };
}
