import type { LogData, Logger } from '@meshwork/kit';

/**
 * The web app's logger: the kit contract over the browser console, warnings and errors only (the
 * page has no log sink; debug noise would only slow a call down).
 */
export function consoleLogger(namespace: string): Logger {
  const tag = `[${namespace}]`;
  return {
    debug() {},
    info() {},
    warn: (msg: string, data?: LogData) => console.warn(tag, msg, data ?? ''),
    error: (msg: string, data?: LogData) => console.error(tag, msg, data ?? ''),
    child: (child: string) => consoleLogger(`${namespace}:${child}`),
  };
}
