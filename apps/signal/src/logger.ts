import { type Level, type Logger, pino } from 'pino';

export type { Logger } from 'pino';

/** Log levels accepted by LOG_LEVEL. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** One of LOG_LEVELS. */
export type LogLevel = Level | 'silent';

/** The root structured logger; modules take a namespaced child (`logger.child({ ns })`). */
export function createLogger(level: LogLevel): Logger {
  return pino({ level, base: { app: 'meshwork-signal' } });
}

/** A logger that drops everything (the default in tests and embedded use). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
