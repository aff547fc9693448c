/** Structured fields attached to one log record. */
export type LogData = Record<string, unknown>;

/**
 * The one logger contract every Meshwork package takes by injection: a message first, then
 * structured fields, and `child()` for a namespace (`mesh:link:peer-ab12`). The signal app adapts
 * pino to it; the bots write lines to stderr; libraries default to `noopLogger`.
 */
export interface Logger {
  debug(msg: string, data?: LogData): void;
  info(msg: string, data?: LogData): void;
  warn(msg: string, data?: LogData): void;
  error(msg: string, data?: LogData): void;
  child(namespace: string): Logger;
}

/** A logger that drops everything: the default, so a library is silent unless asked. */
export const noopLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return noopLogger;
  },
};
