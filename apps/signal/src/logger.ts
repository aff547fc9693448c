import type { LogData, Logger } from '@meshwork/kit';
import { type Level, type Logger as Pino, pino } from 'pino';

/** Log levels accepted by LOG_LEVEL. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** One of LOG_LEVELS. */
export type LogLevel = Level | 'silent';

type Method = 'debug' | 'info' | 'warn' | 'error';

function adapt(root: Pino, sink: Pino, namespace: string | null): Logger {
  const write =
    (method: Method) =>
    (msg: string, data?: LogData): void => {
      if (data === undefined) sink[method](msg);
      else sink[method](data, msg);
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child(name) {
      const ns = namespace === null ? name : `${namespace}:${name}`;
      // Children are made from the root, so a record carries one `ns` field, not one per level.
      return adapt(root, root.child({ ns }), ns);
    },
  };
}

/**
 * The kit `Logger` over pino: `info(msg, data)` becomes pino's `info(data, msg)`, and
 * `child('http')` under `child('signal')` logs with `ns: 'signal:http'`.
 */
export function pinoLogger(root: Pino): Logger {
  return adapt(root, root, null);
}

/** The app's root logger: pino JSON lines on stdout at `level`, through the kit contract. */
export function createLogger(level: LogLevel): Logger {
  return pinoLogger(pino({ level, base: { app: 'meshwork-signal' } }));
}
