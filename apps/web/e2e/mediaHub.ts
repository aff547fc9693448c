// What the tests read of the media hub (apps/hub, started by hubProcess.mjs): its stats, and what flowed through it.
import type { Page } from 'playwright-core';
import { waitForFramesAdvancing } from './harness';
import { type HubProcess, startHubProcess } from './hubProcess.mjs';
import { describePeerConnections } from './peerConnectionReport';

/** What the tests read of the hub's `GET /stats` (its rooms and per-origin counters). */
export interface HubStats {
  hubs: Array<{
    cpuPercent?: number;
    eventLoopDelay?: { p50Ms: number; p99Ms: number; maxMs: number };
    rooms: Array<{
      roomId: string;
      isHub: boolean;
      origins: Array<{ origin: string; packetsForwarded: number; framesDecoded: number }>;
      /** Receivers' estimates and the caps sent to origins (protocol SPEC [P32]). */
      shaping?: {
        receivers: Array<{ peer: string | null; estimateBps: number | null; videoStreams: number }>;
        origins: Array<{
          origin: string | null;
          receivedBps: number;
          capSentBps: number | null;
          capsSent: number;
        }>;
      };
    }>;
  }>;
}

/** A running hub process (hubProcess.mjs) whose `GET /stats<query>` reads as {@link HubStats}. */
export interface MediaHubProcess extends Omit<HubProcess, 'stats'> {
  stats(query?: string): Promise<HubStats>;
}

/** Starts a hub serving `signalUrl` (hubProcess.mjs: scheduled first where the machine allows). */
export async function startMediaHub(
  signalUrl: string,
  options: { secret: string; statsPort: number; startTimeoutMs?: number; shaping?: boolean },
): Promise<MediaHubProcess> {
  const hub = await startHubProcess(signalUrl, options);
  return {
    scheduling: hub.scheduling,
    stats: async (query) => (await hub.stats(query)) as HubStats,
    close: () => hub.close(),
  };
}

/**
 * Waits for every tile of `page` to show `frames` more decoded frames; if they do not, the
 * failure first writes what each of `people`'s connections received per mid and what each of
 * the hub's transceivers sent.
 */
export async function flowingThroughHub(
  hub: MediaHubProcess,
  people: ReadonlyArray<readonly [string, Page]>,
  page: Page,
  frames: number,
): Promise<void> {
  try {
    await waitForFramesAdvancing(page, frames);
  } catch (error) {
    const report: Record<string, unknown> = {};
    for (const [name, p] of people) report[name] = await describePeerConnections(p).catch(String);
    report.hub = await hub.stats('?links=1').catch(String);
    process.stderr.write(`what arrived: ${JSON.stringify(report)}\n`);
    throw error;
  }
}
