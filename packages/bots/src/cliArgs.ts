import { parseArgs } from 'node:util';
import {
  type QualityLimitation,
  QualityLimitationSchema,
  type TopologySetting,
  TopologySettingSchema,
} from '@meshwork/protocol';
import type { LogLevel } from './consoleLogger';

/** The command line help of `pnpm bots`. */
export const USAGE = `usage: pnpm bots --url http://localhost:8080 --room demo [options]

  --url URL          signal app URL (default http://localhost:8080)
  --room ID          room to join (default demo)
  --count N          number of bots (default 4, at most 32)
  --name NAME        display name prefix (default Bot)
  --topology T       set the room's topology once joined: auto | mesh | star | ring
  --limitation L     the first --limited bots claim their video is held back: cpu | bandwidth
  --limited N        how many bots claim --limitation (default 1)
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
  topology: TopologySetting | null;
  /** What the first `limitedCount` bots claim holds their video back, or null (SPEC [P28]). */
  limitation: QualityLimitation | null;
  limitedCount: number;
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
      limitation: { type: 'string' },
      limited: { type: 'string' },
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
  let topology: TopologySetting | null = null;
  if (values.topology !== undefined) {
    const parsed = TopologySettingSchema.safeParse(values.topology);
    if (!parsed.success) throw new UsageError('--topology must be auto, mesh, star or ring');
    topology = parsed.data;
  }
  let limitation: QualityLimitation | null = null;
  if (values.limitation !== undefined) {
    const parsed = QualityLimitationSchema.safeParse(values.limitation);
    if (!parsed.success) throw new UsageError('--limitation must be cpu or bandwidth');
    limitation = parsed.data;
  }
  if (!LOG_LEVELS.includes(values.log)) throw new UsageError('--log must be debug|info|warn|error');
  const config: CliConfig = {
    url: values.url,
    room: values.room,
    count,
    namePrefix: values.name,
    topology,
    limitation,
    limitedCount: int(values.limited, 'limited', 1, count),
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
