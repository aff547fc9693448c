import { parseArgs } from 'node:util';
import { type Topology, TopologySchema } from '@meshwork/protocol';
import type { LogLevel } from './consoleLogger';

/** The command line help of `pnpm bots`. */
export const USAGE = `usage: pnpm bots --url http://localhost:8080 --room demo [options]

  --url URL          signal app URL (default http://localhost:8080)
  --room ID          room to join (default demo)
  --count N          number of bots (default 4, at most 32)
  --name NAME        display name prefix (default Bot)
  --topology T       set the room's topology once joined: mesh | star | ring
  --password P       room password
  --width W --height H --fps F   synthetic camera (default 160x120 at 15 fps)
  --no-audio         send video only
  --log LEVEL        debug | info | warn | error (default warn)
`;

const LOG_LEVELS: readonly string[] = ['debug', 'info', 'warn', 'error'];

/** What `pnpm bots` was asked to run. */
export interface CliConfig {
  url: string;
  room: string;
  count: number;
  /** Display name prefix: bots are `<prefix> 1`, `<prefix> 2`, ... */
  namePrefix: string;
  /** Topology to set once joined, or null to leave the room's. */
  topology: Topology | null;
  password?: string;
  video: { width: number; height: number; fps: number };
  audio: boolean;
  level: LogLevel;
}

/** The outcome of reading the command line: run, print the help, or fail with a message. */
export type CliArgs =
  | { kind: 'run'; config: CliConfig }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

class UsageError extends Error {}

function int(value: string | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new UsageError(`--${name} must be an integer 1-${max}`);
  }
  return n;
}

function read(args: string[]): CliArgs {
  const { values } = parseArgs({
    args,
    options: {
      url: { type: 'string', default: 'http://localhost:8080' },
      room: { type: 'string', default: 'demo' },
      count: { type: 'string' },
      name: { type: 'string', default: 'Bot' },
      topology: { type: 'string' },
      password: { type: 'string' },
      width: { type: 'string' },
      height: { type: 'string' },
      fps: { type: 'string' },
      'no-audio': { type: 'boolean', default: false },
      log: { type: 'string', default: 'warn' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return { kind: 'help' };
  const count = int(values.count, 'count', 4, 32);
  let topology: Topology | null = null;
  if (values.topology !== undefined) {
    const parsed = TopologySchema.safeParse(values.topology);
    if (!parsed.success) throw new UsageError('--topology must be mesh, star or ring');
    topology = parsed.data;
  }
  if (!LOG_LEVELS.includes(values.log)) throw new UsageError('--log must be debug|info|warn|error');
  const config: CliConfig = {
    url: values.url,
    room: values.room,
    count,
    namePrefix: values.name,
    topology,
    video: {
      width: int(values.width, 'width', 160, 1920),
      height: int(values.height, 'height', 120, 1080),
      fps: int(values.fps, 'fps', 15, 60),
    },
    audio: !values['no-audio'],
    level: values.log as LogLevel,
  };
  if (values.password !== undefined) config.password = values.password;
  return { kind: 'run', config };
}

/** Reads `pnpm bots` arguments (without the node and script paths); never exits or prints. */
export function parseCliArgs(args: string[]): CliArgs {
  try {
    return read(args);
  } catch (err) {
    // parseArgs reports unknown options and missing values with a thrown TypeError.
    return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
  }
}
