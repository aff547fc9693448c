// Public surface of the signal app, for tests, bots and embedding.

export { createResumeTokens, type ResumeClaim, type ResumeTokens } from './auth/resumeToken';
export { type TurnConfig, turnCredentials } from './auth/turn';
export { type Clock, systemClock } from './clock';
export { ConfigError, loadConfig, type SignalConfig } from './config';
export { createLogger, type Logger, silentLogger } from './logger';
export { PLAN_COMMIT_DEADLINE_MS, type RegistryStats, RoomRegistry } from './registry/RoomRegistry';
export type { ConnId, Effect, Outcome, RegistryOptions } from './registry/types';
export {
  createSignalServer,
  MAX_HTTP_BUFFER_BYTES,
  PING_INTERVAL_MS,
  PING_TIMEOUT_MS,
  type SignalIo,
  type SignalServer,
  type SignalServerDeps,
} from './server/createSignalServer';
export type { SignalMetrics } from './server/metrics';
export { DEFAULT_RATE_LIMIT, type RateLimitOptions } from './server/rateLimit';
