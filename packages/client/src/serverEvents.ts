import type { Logger } from '@meshwork/kit';
import type {
  ErrorCode,
  IceServer,
  LobbyEntry,
  PeerId,
  PeerPlan,
  Signal,
} from '@meshwork/protocol';
import type { RoomChange } from './roomView';
import type { ClientSocket } from './SignalConnection';
import type { SessionEvents } from './types';

/**
 * Server errors no retry can fix: the session fails. A removed peer (SPEC [P15]) must not come
 * back by reconnecting, so `ERR_REMOVED` ends the session before the disconnect that follows it.
 */
const FATAL_SERVER_ERRORS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'ERR_PROTOCOL_VERSION',
  'ERR_ORIGIN_NOT_ALLOWED',
  'ERR_REMOVED',
  'ERR_LOBBY_DECLINED',
  'ERR_LOBBY_CLOSED',
]);

/** What the session does with the signal app's events. */
export interface ServerEventHandlers {
  /** Runs `handle` once the connection is joined (held while a join is in flight). */
  whenJoined(handle: () => void): void;
  roomChanged(change: RoomChange): void;
  peerLeft(event: SessionEvents['peerLeft']): void;
  planPrepared(plan: PeerPlan): void;
  planCommitted(version: number): void;
  signal(from: PeerId, epoch: number, signal: Signal): void;
  /** A member's frame-key message, relayed by the signal app (SPEC [P33]); unchecked here. */
  e2eeKeyRelayed(from: PeerId, message: unknown): void;
  /** Renewed TURN credentials (SPEC [P19]), for links opened from now on. */
  iceServersChanged(iceServers: IceServer[]): void;
  fatal(error: ErrorCode, message: string): void;
  /** Who waits in the room's lobby (SPEC [P25]), for members. */
  lobbyChanged(waiting: LobbyEntry[]): void;
  /** The host let this waiting connection in: join again on it. */
  lobbyAdmitted(): void;
  /** The room's raised hands in the order raised (SPEC [P26]). */
  handsChanged(hands: PeerId[]): void;
  /** A member's reaction. */
  reacted(event: SessionEvents['reacted']): void;
  /** Who records the call (SPEC [P29]). */
  recordingChanged(recorders: PeerId[]): void;
}

/** Subscribes `handlers` to the server's events on `socket`; room events wait for the join. */
export function wireServerEvents(
  socket: ClientSocket,
  handlers: ServerEventHandlers,
  logger: Logger,
): void {
  const joined = handlers.whenJoined;
  const room = (change: RoomChange): void => joined(() => handlers.roomChanged(change));
  socket.on('serverError', (event) => {
    logger.warn('server error', { error: event.error, message: event.message });
    if (FATAL_SERVER_ERRORS.has(event.error)) handlers.fatal(event.error, event.message);
  });
  socket.on('peerJoined', (peer) => room({ type: 'peerJoined', peer }));
  socket.on('peerUpdated', (peer) => room({ type: 'peerUpdated', peer }));
  socket.on('peerLeft', (event) =>
    joined(() => {
      handlers.roomChanged({ type: 'peerLeft', peerId: event.peerId });
      handlers.peerLeft({ peerId: event.peerId, reason: event.reason });
    }),
  );
  socket.on('settingsChanged', (settings) => room({ type: 'settingsChanged', settings }));
  socket.on('linksChanged', (event) => room({ type: 'linksChanged', links: event.links }));
  // Plans held while a join is in flight: only the newest is applied, since a plan superseded
  // before it ever ran must never be applied after (or kept beside) a newer one.
  let newest: PeerPlan | null = null;
  socket.on('planPrepared', (plan) => {
    newest = plan;
    joined(() => {
      if (plan === newest) handlers.planPrepared(plan);
      else logger.debug('dropping a superseded plan', { version: plan.version });
    });
  });
  socket.on('planCommitted', (event) => joined(() => handlers.planCommitted(event.version)));
  socket.on('signalRejected', (event) => {
    // Refusals of a link the plan just dropped are routine: the next plan renegotiates it.
    const routine = event.error === 'ERR_NOT_LINKED' || event.error === 'ERR_NOT_JOINED';
    const details = { to: event.to, epoch: event.epoch, error: event.error };
    if (routine) logger.debug('signal not relayed', details);
    else logger.warn('signal not relayed', { ...details, message: event.message });
  });
  socket.on('signal', (event) =>
    joined(() => handlers.signal(event.from, event.epoch, event.signal)),
  );
  socket.on('e2eeKeyRelayed', (event) =>
    joined(() => handlers.e2eeKeyRelayed(event.from, event.message)),
  );
  socket.on('lobbyChanged', (event) => joined(() => handlers.lobbyChanged(event.waiting)));
  // Not held for a join: it is what lets the waiting join go again.
  socket.on('lobbyAdmitted', () => handlers.lobbyAdmitted());
  socket.on('handsChanged', (event) => joined(() => handlers.handsChanged(event.hands)));
  socket.on('reacted', (event) => joined(() => handlers.reacted(event)));
  socket.on('recordingChanged', (event) =>
    joined(() => handlers.recordingChanged(event.recorders)),
  );
  socket.on('iceServersChanged', (event) =>
    joined(() => handlers.iceServersChanged(event.iceServers)),
  );
}
