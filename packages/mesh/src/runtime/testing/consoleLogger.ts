// Test support: a Logger for the real-WebRTC tests. Not part of the package's export list.
import type { Logger } from '@meshwork/kit';

/**
 * Writes `[level] namespace: msg` to stderr with the process time; errors always, the rest only
 * when `enabled` (MESHWORK_VERBOSE=1), so a failing run can be replayed with the controllers' logs.
 */
export function consoleLogger(namespace: string, enabled: boolean): Logger {
  const log =
    (level: string) =>
    (msg: string, data?: Record<string, unknown>): void => {
      if (enabled) {
        console.warn(
          `${Math.round(performance.now())} [${level}] ${namespace}: ${msg}`,
          data ?? '',
        );
      }
    };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: (msg, data) => console.error(`[error] ${namespace}: ${msg}`, data ?? ''),
    child: (ns) => consoleLogger(`${namespace}/${ns}`, enabled),
  };
}
