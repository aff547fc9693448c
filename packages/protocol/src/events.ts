import type { ErrorCode } from './errors';
import type {
  AnswerLobbyRequest,
  E2eeKeyRequest,
  IceServer,
  JoinRequest,
  JoinResult,
  PeerTargetRequest,
  PlanChangeResult,
  PlanReadyRequest,
  RaiseHandRequest,
  Reaction,
  ReactRequest,
  ReportLinksRequest,
  Result,
  SetHubRequest,
  SetRecordingRequest,
  SetTopologyRequest,
  UpdatePeerRequest,
  UpdateRoomRequest,
} from './messages';
import type { E2eeKeyPeerMessage } from './peer';
import type { PeerPlan } from './plan';
import type { PeerId } from './primitives';
import type { LeaveReason, LobbyEntry, PeerInfo, RoomLink, RoomSettings } from './room';
import type { RelayedSignal, SignalRejected, SignalRequest } from './signal';

/**
 * Events a client emits; each takes an ack callback that receives a result union. `signal` may
 * leave it out: relayed signals are fire-and-forget, and a refusal comes back as
 * `signalRejected` (SPEC [P3]).
 */
export interface ClientToServerEvents {
  join: (req: JoinRequest, ack: (res: JoinResult) => void) => void;
  leave: (ack: (res: Result) => void) => void;
  signal: (req: SignalRequest, ack?: (res: Result) => void) => void;
  setTopology: (req: SetTopologyRequest, ack: (res: PlanChangeResult) => void) => void;
  setHub: (req: SetHubRequest, ack: (res: PlanChangeResult) => void) => void;
  updatePeer: (req: UpdatePeerRequest, ack: (res: Result) => void) => void;
  reportLinks: (req: ReportLinksRequest, ack: (res: Result) => void) => void;
  planReady: (req: PlanReadyRequest, ack: (res: Result) => void) => void;
  /** Host only (SPEC [P15]): policy, lock, password. */
  updateRoom: (req: UpdateRoomRequest, ack: (res: Result) => void) => void;
  /** Host only: remove a peer; it gets `serverError ERR_REMOVED` and its id is retired. */
  removePeer: (req: PeerTargetRequest, ack: (res: Result) => void) => void;
  /** Host only: hand the host role to another member. */
  transferHost: (req: PeerTargetRequest, ack: (res: Result) => void) => void;
  /** Host only (SPEC [P25]): let a waiter in, or turn them away. */
  answerLobby: (req: AnswerLobbyRequest, ack: (res: Result) => void) => void;
  /** Raise or lower this peer's hand; the host may lower another's (SPEC [P26]). */
  raiseHand: (req: RaiseHandRequest, ack: (res: Result) => void) => void;
  /** Show a reaction to the room, within the reaction budget (SPEC [P26]). */
  react: (req: ReactRequest, ack: (res: Result) => void) => void;
  /** This peer started or stopped recording the call; toggles are rate limited (SPEC [P29]). */
  setRecording: (req: SetRecordingRequest, ack: (res: Result) => void) => void;
  /** A frame-key message for a member this peer has no direct link to (SPEC [P33]). */
  e2eeKey: (req: E2eeKeyRequest, ack: (res: Result) => void) => void;
}

/** A peer left the room (or its grace period ran out). */
export interface PeerLeftEvent {
  peerId: string;
  reason: LeaveReason;
}

/** An error not tied to an ack, such as a disconnect for abuse. */
export interface ServerErrorEvent {
  error: ErrorCode;
  message: string;
}

/** Events the signal app emits to clients, named as past-tense facts. */
export interface ServerToClientEvents {
  peerJoined: (peer: PeerInfo) => void;
  peerUpdated: (peer: PeerInfo) => void;
  peerLeft: (event: PeerLeftEvent) => void;
  settingsChanged: (settings: RoomSettings) => void;
  linksChanged: (event: { links: RoomLink[] }) => void;
  /** Phase one of a plan change: open the new links and routes, keep the old ones running. */
  planPrepared: (plan: PeerPlan) => void;
  /** Phase two: stop the old forwarding and close links the plan no longer has. */
  planCommitted: (event: { version: number }) => void;
  signal: (event: RelayedSignal) => void;
  /** A `signal` sent without an ack callback was not relayed. */
  signalRejected: (event: SignalRejected) => void;
  serverError: (event: ServerErrorEvent) => void;
  /** Fresh ICE servers (TURN credentials renewed before they expire, SPEC [P19]). */
  iceServersChanged: (event: { iceServers: IceServer[] }) => void;
  /** To the room's members: who waits in the lobby now, in the order they asked (SPEC [P25]). */
  lobbyChanged: (event: { waiting: LobbyEntry[] }) => void;
  /** To a waiter: the host let it in; it sends its `join` again on the same connection. */
  lobbyAdmitted: (event: { roomId: string }) => void;
  /** The raised hands of the room, in the order they went up (SPEC [P26]). */
  handsChanged: (event: { hands: PeerId[] }) => void;
  /** A member showed a reaction; `at` is the server's clock. */
  reacted: (event: { peerId: PeerId; reaction: Reaction; at: number }) => void;
  /** Who records the call now, in the order they started (SPEC [P29]). */
  recordingChanged: (event: { recorders: PeerId[] }) => void;
  /** A member's frame-key message, relayed to this peer alone; `from` is stamped by the server (SPEC [P33]). */
  e2eeKeyRelayed: (event: { from: PeerId; message: E2eeKeyPeerMessage }) => void;
}

/** Events between signal app nodes: none, since one process keeps every room in memory. */
export type InterServerEvents = Record<never, never>;

/** What the signal app keeps on each socket once it has joined. */
export interface SocketData {
  peerId?: string;
  roomId?: string;
}
