// Public surface of the signal app, for tests, bots and embedding. Clock and Logger come from
// @meshwork/kit; `pinoLogger` adapts pino to that Logger.

export { createResumeTokens, type ResumeClaim, type ResumeTokens } from './auth/resumeToken';
export { type TurnConfig, turnCredentials } from './auth/turn';
export { ConfigError, loadConfig, type SignalConfig } from './config';
export { createLogger, pinoLogger } from './logger';
export type { RegistryStats } from './registry/Directory';
export { PLAN_COMMIT_DEADLINE_MS } from './registry/PlanCycle';
export { RoomRegistry } from './registry/RoomRegistry';
export type { ConnId, Effect, Outcome, RegistryOptions } from './registry/types';
export {
  createSignalServer,
  type SignalServer,
  type SignalServerDeps,
} from './server/createSignalServer';
export {
  MAX_HTTP_BUFFER_BYTES,
  PING_INTERVAL_MS,
  PING_TIMEOUT_MS,
  type SignalIo,
} from './server/io';
export type { SignalMetrics } from './server/metrics';
export { DEFAULT_RATE_LIMIT, type RateLimitOptions } from './server/rateLimit';
export { type SignalNodeProcess, startSignalNode } from './testing/nodeProcess';
// Test helpers for several nodes: a redis-server, signal nodes as child processes, a balancer.
export { freePort, startRedis, type TestRedis } from './testing/redisServer';
export { startTcpBalancer, type TcpBalancer } from './testing/tcpBalancer';
