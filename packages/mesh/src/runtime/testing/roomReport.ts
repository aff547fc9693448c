// Test support: what a room of real-WebRTC peers received, as numbers and lines for test output.
// Not part of the package's export list.
import type { PeerId } from '@meshwork/protocol';
import type { MeshEvents } from '../types';
import type { FrameMeter } from './FrameMeter';

/** What the reports read of one peer. */
export interface ReportedPeer {
  id: PeerId;
  frames: ReadonlyMap<PeerId, FrameMeter>;
  events: { [E in keyof MeshEvents]?: MeshEvents[E][] };
}

/** Frame count of every (receiver, origin) pair, keyed `receiver<origin`. */
export function frameSnapshot(peers: readonly ReportedPeer[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const peer of peers) {
    for (const other of peers) {
      if (other === peer) continue;
      counts.set(`${peer.id}<${other.id}`, peer.frames.get(other.id)?.count ?? 0);
    }
  }
  return counts;
}

/** Whether every pair has received `more` frames beyond `since` (a `frameSnapshot`). */
export function framesBeyond(
  peers: readonly ReportedPeer[],
  since: ReadonlyMap<string, number>,
  more: number,
): boolean {
  return peers.every((peer) =>
    peers.every(
      (other) =>
        other === peer ||
        (peer.frames.get(other.id)?.count ?? 0) >=
          (since.get(`${peer.id}<${other.id}`) ?? 0) + more,
    ),
  );
}

/** Largest frame gap over every pair since measurement started. */
export function maxFrameGapMs(peers: readonly ReportedPeer[]): number {
  let max = 0;
  for (const peer of peers) for (const f of peer.frames.values()) max = Math.max(max, f.maxGapMs);
  return max;
}

/**
 * One line per (receiver, origin) for the switch being measured: the longest frame gap, when
 * it ended, and each track swap with the wait for its first frame (times from `startedAt`).
 */
export function gapReport(peers: readonly ReportedPeer[], startedAt: number): string[] {
  const t = (at: number | null) => (at === null ? '-' : String(Math.round(at - startedAt)));
  const lines: string[] = [];
  for (const peer of peers) {
    for (const [origin, f] of peer.frames) {
      const swaps = f.swaps
        .map(
          (s) =>
            `swap@${t(s.at)}+${s.firstFrameAt === null ? '-' : Math.round(s.firstFrameAt - s.at)}`,
        )
        .join(' ');
      lines.push(
        `${peer.id}<${origin} gap=${Math.round(f.maxGapMs)} ending@${t(f.maxGapEndAt)} hops=${f.hops} ${swaps}`,
      );
    }
  }
  return lines;
}

/** The room's media and data state, one line per pair and per peer, for failure messages. */
export function dumpRoom(peers: readonly ReportedPeer[]): string {
  const lines: string[] = [];
  for (const peer of peers) {
    for (const [origin, f] of peer.frames) {
      lines.push(
        `${peer.id} <- ${origin}: frames=${f.count} hops=${f.hops} track=${f.track?.readyState}/${f.track?.muted ? 'muted' : 'unmuted'}`,
      );
    }
  }
  for (const peer of peers) {
    const progress = peer.events.fileProgressed ?? [];
    lines.push(
      `${peer.id}: fileProgressed=${progress.length} last=${progress.at(-1)?.bytes} received=${peer.events.fileReceived?.length ?? 0} errors=${JSON.stringify(peer.events.errorRaised ?? [])}`,
    );
  }
  return lines.join('\n');
}
