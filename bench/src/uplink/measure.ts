import type { Topology } from '@meshwork/protocol';
import { cpuSeconds } from '../cpu/renderers';
import { median, round } from '../lib/stats';
import type { PageSample } from './page/api';
import type { UplinkPage } from './UplinkPage';

/** Poll interval of the waits below. */
const POLL_MS = 100;

/** What one peer sent, received and spent over a steady window. */
export interface PeerFigures {
  index: number;
  /** kbit/s of RTP sent (payload and headers), video and audio together, and video alone. */
  upKbps: number;
  videoUpKbps: number;
  downKbps: number;
  /** Outgoing video encodings (its own and relayed) at the end of the window. */
  encodings: number;
  /** Sum of those encodings' `maxBitrate` (kbit/s), the budget's spread; null if unlimited. */
  limitKbps: number | null;
  /** ms of encoding and decoding per second of wall time (WebRTC `totalEncodeTime`/`totalDecodeTime`). */
  encodeMsPerS: number;
  decodeMsPerS: number;
  /** Its renderer process's CPU, % of one core (null when its pid is unknown). */
  cpuPct: number | null;
  /** Why its encoders were held back, by count of encodings (`qualityLimitationReason`). */
  limitedBy: Record<string, number>;
}

/** The picture one receiver got from one origin over the window. */
export interface Picture {
  receiver: number;
  origin: number;
  hops: number;
  width: number;
  height: number;
  fps: number;
}

/** One steady window of a room. */
export interface WindowFigures {
  topology: Topology;
  n: number;
  windowS: number;
  peers: PeerFigures[];
  pictures: Picture[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until every page decodes frames from every other page. */
export async function untilAllDecode(pages: readonly UplinkPage[], timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let missing: string[] = [];
  while (Date.now() < deadline) {
    const frames = await Promise.all(pages.map((p) => p.frames()));
    missing = pages.flatMap((p, i) =>
      pages
        .filter(
          (o) => o !== p && !((frames[i]?.find((f) => f.origin === o.selfId)?.count ?? 0) > 0),
        )
        .map((o) => `${o.index}->${p.index}`),
    );
    if (missing.length === 0) return;
    await sleep(POLL_MS);
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for every page to decode every other; ` +
      `no frames yet (origin->receiver): ${missing.join(' ')}`,
  );
}

/** Samples every page twice, `windowMs` apart, and turns the difference into figures. */
export async function measureWindow(
  pages: readonly UplinkPage[],
  topology: Topology,
  windowMs: number,
): Promise<WindowFigures> {
  const cpu0 = pages.map((p) => (p.pid === null ? Number.NaN : cpuSeconds(p.pid)));
  const t0 = Date.now();
  const before = await Promise.all(pages.map((p) => p.sample()));
  await sleep(windowMs);
  const after = await Promise.all(pages.map((p) => p.sample()));
  const cpu1 = pages.map((p) => (p.pid === null ? Number.NaN : cpuSeconds(p.pid)));
  const wallS = (Date.now() - t0) / 1000;
  const indexOf = new Map(pages.map((p) => [p.selfId, p.index]));
  const peers: PeerFigures[] = [];
  const pictures: Picture[] = [];
  for (const [i, page] of pages.entries()) {
    const a = before[i] as PageSample;
    const b = after[i] as PageSample;
    const s = (b.at - a.at) / 1000;
    const kbps = (bytes: number) => round((bytes * 8) / s / 1000, 0);
    // Per RTP stream: a link closed in the window drops out, one opened in it counts from zero,
    // so a plan change never shows as negative traffic.
    const encodeS = grown(a.outbound, b.outbound, (o) => o.encodeS);
    const decodeS = grown(a.inbound, b.inbound, (o) => o.decodeS);
    const bytes = (pick: (r: PageSample['rtp'][number]) => boolean) =>
      grown(a.rtp.filter(pick), b.rtp.filter(pick), (r) => r.bytes);
    const limits = b.outbound.map((o) => o.maxBitrate);
    const limitedBy: Record<string, number> = {};
    for (const o of b.outbound) {
      limitedBy[o.qualityLimitationReason] = (limitedBy[o.qualityLimitationReason] ?? 0) + 1;
    }
    const cpu = (cpu1[i] ?? Number.NaN) - (cpu0[i] ?? Number.NaN);
    peers.push({
      index: page.index,
      upKbps: kbps(bytes((r) => r.sent)),
      videoUpKbps: kbps(bytes((r) => r.sent && r.kind === 'video')),
      downKbps: kbps(bytes((r) => !r.sent)),
      encodings: b.outbound.length,
      limitKbps: limits.every((l) => l !== null) ? round(sum(limits as number[]) / 1000, 0) : null,
      encodeMsPerS: round((encodeS * 1000) / s, 1),
      decodeMsPerS: round((decodeS * 1000) / s, 1),
      cpuPct: Number.isFinite(cpu) ? round((cpu / wallS) * 100, 1) : null,
      limitedBy,
    });
    for (const end of b.inbound) {
      const start = a.inbound.find(
        (x) => x.origin === end.origin && x.framesDecoded <= end.framesDecoded,
      );
      const origin = indexOf.get(end.origin);
      if (origin === undefined) continue;
      // A receiver may hold an old and a new route of one origin for a moment: keep the busier.
      const fps = round((end.framesDecoded - (start?.framesDecoded ?? 0)) / s, 1);
      const prior = pictures.findIndex((p) => p.receiver === page.index && p.origin === origin);
      const picture = {
        receiver: page.index,
        origin,
        hops: end.hops,
        width: end.frameWidth,
        height: end.frameHeight,
        fps,
      };
      if (prior < 0) pictures.push(picture);
      else if ((pictures[prior]?.fps ?? 0) < fps) pictures[prior] = picture;
    }
  }
  return { topology, n: pages.length, windowS: round(wallS, 1), peers, pictures };
}

function sum(xs: readonly number[]): number {
  return xs.reduce((t, x) => t + x, 0);
}

/** How much `value` grew from `before` to `after`, summed by key (new keys from zero). */
export function grown<T extends { key: string }>(
  before: readonly T[],
  after: readonly T[],
  value: (x: T) => number,
): number {
  const was = new Map(before.map((x) => [x.key, value(x)]));
  return sum(after.map((x) => Math.max(0, value(x) - (was.get(x.key) ?? 0))));
}

/** The pictures' spread: smallest and median height, and lowest and median fps. */
export function pictureSummary(pictures: readonly Picture[]) {
  const heights = pictures.map((p) => p.height);
  const fps = pictures.map((p) => p.fps);
  return {
    minHeight: heights.length ? Math.min(...heights) : 0,
    medianHeight: heights.length ? median(heights) : 0,
    minFps: fps.length ? Math.min(...fps) : 0,
    medianFps: fps.length ? round(median(fps), 1) : 0,
  };
}
