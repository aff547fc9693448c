import type { Logger } from '@meshwork/kit';

/** Log levels, least severe first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** A namespaced logger writing one line per record to stderr, from `level` up. */
export function createConsoleLogger(namespace: string, level: LogLevel = 'warn'): Logger {
  const write = (at: LogLevel, msg: string, data?: Record<string, unknown>) => {
    if (RANK[at] < RANK[level]) return;
    const extra = data ? ` ${JSON.stringify(data)}` : '';
    process.stderr.write(`${new Date().toISOString()} ${at} [${namespace}] ${msg}${extra}\n`);
  };
  return {
    debug: (msg, data) => write('debug', msg, data),
    info: (msg, data) => write('info', msg, data),
    warn: (msg, data) => write('warn', msg, data),
    error: (msg, data) => write('error', msg, data),
    child: (child) => createConsoleLogger(`${namespace}:${child}`, level),
  };
}
