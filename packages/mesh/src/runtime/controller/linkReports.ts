import type { LinkReport, LinkState, PeerId } from '@meshwork/protocol';
import type { LinkStatus } from '../types';

/** The part of a link a report reads. */
export interface ReportView {
  readonly status: LinkStatus;
  readonly rttMs: number | null;
}

/** The state the server is told for a link status; null for a closed link (not reported). */
export function reportedState(status: LinkStatus): LinkState | null {
  switch (status) {
    case 'new':
    case 'connecting':
      return 'connecting';
    case 'connected':
      return 'connected';
    // A link that was up and lost its path, waiting for or running an ICE restart ([M23]).
    case 'disconnected':
    case 'restarting':
      return 'disconnected';
    case 'failed':
      return 'failed';
    case 'closed':
      return null;
  }
}

/** One report per link that is not closed, with the last ping RTT where there is one. */
export function linkReports(links: Iterable<readonly [PeerId, ReportView]>): LinkReport[] {
  const reports: LinkReport[] = [];
  for (const [peer, link] of links) {
    const state = reportedState(link.status);
    if (state === null) continue;
    const report: LinkReport = { peer, state };
    if (link.rttMs !== null) report.rttMs = link.rttMs;
    reports.push(report);
  }
  return reports;
}

/** Passes on link reports only when the links or their states changed: RTT alone is no news ([M13]). */
export class LinkReporter {
  #last = '';

  /** `reports` if they differ from the last ones passed on, else null. */
  changed(reports: LinkReport[]): LinkReport[] | null {
    const key = reports.map((r) => `${r.peer}=${r.state}`).join(',');
    if (key === this.#last) return null;
    this.#last = key;
    return reports;
  }
}
