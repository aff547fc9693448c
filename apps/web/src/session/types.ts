import type { ClientSessionApi, StatsListener } from '@meshwork/client';
import type { LinkStats } from '@meshwork/mesh/runtime';

export type {
  ClientSessionApi,
  JoinOptions,
  RoomView,
  SessionEvents,
  SessionStatus,
  SessionStatusChange,
  StatsListener,
} from '@meshwork/client';

/**
 * The session as the web app uses it (protocol v2): `subscribeStats` pushes windowed link
 * numbers across reconnects; `sendChat` signs before it sends; the host's requests
 * (`updateRoom`, `removePeer`, `transferHost`) reject with a coded error like `setTopology`.
 */
export type AppSession = ClientSessionApi;

/** Link numbers for every tile from one upstream subscription, read transiently. */
export interface LinkStatsSource {
  /** The numbers last pushed for the current session (empty before the first sample). */
  readonly latest: readonly LinkStats[];
  /** Calls `listener` on every new sample; the returned function unsubscribes. */
  subscribe(listener: StatsListener): () => void;
}

/** The store's handle on the session's life: a fresh session per join, closed on leave. */
export interface SessionControl {
  /** The session of the current (or last) join, until it is left. */
  readonly current: AppSession | null;
  /** Closes the previous session, then makes and wires a fresh one. */
  open(): Promise<AppSession>;
  /** Leaves the room and closes the session. */
  leave(): Promise<void>;
  /** The page is going away: stop listening and leave without waiting. */
  shutdown(): void;
  readonly stats: LinkStatsSource;
}
