import type { ClientSessionApi } from '@meshwork/client';
import type { LinkStats } from '@meshwork/mesh/runtime';

export type {
  ClientSessionApi,
  JoinOptions,
  RoomView,
  SessionEvents,
  SessionStatus,
  SessionStatusChange,
} from '@meshwork/client';

/**
 * The session as the web app uses it. `getStats` is read transiently for the quality badges;
 * it is optional so the app still runs against a session that does not expose it.
 */
export type AppSession = ClientSessionApi & { getStats?: () => Promise<LinkStats[]> };
