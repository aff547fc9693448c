/** A running hub process and its HTTP endpoint. */
export interface HubProcess {
  /** How the hub process is scheduled: `chrt -f 10`, `nice -n -10`, or as is. */
  scheduling: string;
  /** `GET /stats<query>` of the hub, parsed. */
  stats(query?: string): Promise<unknown>;
  /** Stops the hub (SIGTERM: it leaves its rooms) and waits for it to exit. */
  close(): Promise<void>;
}

/**
 * Starts a hub serving `signalUrl` with `secret`, its endpoint on 127.0.0.1:`statsPort`, and
 * resolves once it answers (within `startTimeoutMs`, 30 s by default). `MESHWORK_HUB_NODE_ARGS`
 * adds node flags to the hub process (for example `--cpu-prof --cpu-prof-dir=/tmp/hub` or
 * `--trace-gc`, whose lines then reach stdout). Scheduled first where the machine allows
 * (`chrt -f 10`, else `nice -n -10`), and says how on stderr.
 */
export declare function startHubProcess(
  signalUrl: string,
  options: { secret: string; statsPort: number; startTimeoutMs?: number; shaping?: boolean },
): Promise<HubProcess>;
