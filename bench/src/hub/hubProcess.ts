import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The media hub's entry point, run as its own process so its CPU is its own. */
const HUB_DIR = dirname(createRequire(import.meta.url).resolve('@meshwork/hub/package.json'));

/** One media hub process serving `signalUrl`, with its stats endpoint on `statsPort`. */
export class HubProcess {
  readonly child: ChildProcess;
  readonly statsUrl: string;

  constructor(signalUrl: string, hubSecret: string, statsPort: number) {
    this.statsUrl = `http://127.0.0.1:${statsPort}/stats`;
    this.child = spawn(process.execPath, ['--import', 'tsx', join(HUB_DIR, 'src/main.ts')], {
      cwd: HUB_DIR,
      env: {
        ...process.env,
        SIGNAL_URLS: signalUrl,
        HUB_SECRET: hubSecret,
        HUB_NAME: 'bench-hub',
        HUB_HOST_ADDRESSES: '127.0.0.1',
        HUB_STATS_PORT: String(statsPort),
      },
      stdio: ['ignore', 'ignore', 'ignore'],
    });
  }

  /** CPU time (user + system) of the hub process so far, in ms, from /proc. */
  cpuMs(): number {
    const pid = this.child.pid;
    if (pid === undefined) return 0;
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of /proc/pid/stat, in clock ticks (100 per second).
    const ticks = Number(fields[11]) + Number(fields[12]);
    return ticks * 10;
  }

  /** The hub's `/stats` JSON. */
  async stats(): Promise<HubStatsJson> {
    const res = await fetch(this.statsUrl);
    return (await res.json()) as HubStatsJson;
  }

  /** Kills the process. */
  stop(): void {
    this.child.kill('SIGKILL');
  }
}

/** What the hub's `/stats` answers (see apps/hub/src/service/httpServer.ts). */
export interface HubStatsJson {
  hubs: Array<{
    streams: number;
    rooms: Array<{
      roomId: string;
      isHub: boolean;
      forwardedStreams: number;
      origins: Array<{ origin: string; packetsForwarded: number; framesDecoded: number }>;
    }>;
  }>;
}
