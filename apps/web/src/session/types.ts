import type { ClientSessionApi } from '@meshwork/client';

export type {
  ClientSessionApi,
  JoinOptions,
  RoomView,
  SessionEvents,
  SessionStatus,
  SessionStatusChange,
} from '@meshwork/client';

/** The session as the web app uses it. */
export type AppSession = ClientSessionApi;
