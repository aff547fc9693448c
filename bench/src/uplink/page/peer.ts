// The uplink benchmark page: one Meshwork peer (ClientSession over the browser's
// RTCPeerConnection, Chromium's fake camera) that reports what every open link sends and
// receives, by origin, from `getStats()`. Bundled by ../../browser/pageBundle.ts and served by the
// signal app; driven through `window.bench`.

import { ClientSession } from '@meshwork/client';
import type { Topology } from '@meshwork/protocol';
import type { InboundCounters, OutboundCounters, PageSample, UplinkBenchApi } from './api';

let session: ClientSession | null = null;
const peerConnections: RTCPeerConnection[] = [];
/** Received track id -> origin and hops, from the session's remote streams. */
const trackOrigin = new Map<string, { origin: string; hops: number }>();
let selfId = '';

function now(): number {
  return performance.timeOrigin + performance.now();
}

type Stat = Record<string, unknown> & { type: string; id: string };

function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

/** Origin of what a sender sends: a received track's origin when relayed, else this peer. */
function senderOrigin(trackId: string | undefined): string {
  if (trackId === undefined) return 'unknown';
  return trackOrigin.get(trackId)?.origin ?? selfId;
}

async function sample(): Promise<PageSample> {
  const out: PageSample = {
    at: now(),
    rtp: [],
    inbound: [],
    outbound: [],
  };
  for (const [index, pc] of peerConnections.entries()) {
    if (pc.connectionState === 'closed') continue;
    const report = await pc.getStats();
    const byId = new Map<string, Stat>();
    report.forEach((s: Stat) => {
      byId.set(s.id, s);
    });
    const limits = new Map<RTCRtpSender, number | null>();
    for (const sender of pc.getSenders()) {
      limits.set(sender, sender.getParameters().encodings?.[0]?.maxBitrate ?? null);
    }
    for (const s of byId.values()) {
      const key = `${index}:${s.id}`;
      const kind = String(s.kind);
      if (s.type === 'outbound-rtp') {
        const bytes = num(s.bytesSent) + num(s.headerBytesSent);
        out.rtp.push({ key, sent: true, kind, bytes });
      }
      if (s.type === 'inbound-rtp') {
        const bytes = num(s.bytesReceived) + num(s.headerBytesReceived);
        out.rtp.push({ key, sent: false, kind, bytes });
      }
      if (s.type === 'outbound-rtp' && s.kind === 'video') {
        const bytes = num(s.bytesSent) + num(s.headerBytesSent);
        const source = byId.get(String(s.mediaSourceId));
        const trackId = source?.trackIdentifier as string | undefined;
        const sender = pc.getSenders().find((x) => x.track !== null && x.track.id === trackId);
        // An idle transceiver (kept for reuse after a plan change) sends nothing: not an encoding.
        if (sender === undefined) continue;
        const counters: OutboundCounters = {
          key,
          origin: senderOrigin(trackId),
          bytes,
          framesEncoded: num(s.framesEncoded),
          encodeS: num(s.totalEncodeTime),
          frameWidth: num(s.frameWidth),
          frameHeight: num(s.frameHeight),
          qualityLimitationReason: String(s.qualityLimitationReason ?? 'none'),
          maxBitrate: limits.get(sender) ?? null,
        };
        out.outbound.push(counters);
      }
      if (s.type === 'inbound-rtp') {
        if (s.kind !== 'video') continue;
        const who = trackOrigin.get(String(s.trackIdentifier));
        if (who === undefined) continue;
        const counters: InboundCounters = {
          key,
          origin: who.origin,
          hops: who.hops,
          bytes: num(s.bytesReceived) + num(s.headerBytesReceived),
          framesDecoded: num(s.framesDecoded),
          decodeS: num(s.totalDecodeTime),
          frameWidth: num(s.frameWidth),
          frameHeight: num(s.frameHeight),
          framesPerSecond: num(s.framesPerSecond),
        };
        out.inbound.push(counters);
      }
    }
  }
  return out;
}

const api: UplinkBenchApi = {
  async start(options) {
    const cam = await navigator.mediaDevices.getUserMedia({
      audio: options.audio,
      video: options.ideal
        ? {
            width: { ideal: options.width },
            height: { ideal: options.height },
            frameRate: { ideal: options.fps, max: 30 },
          }
        : {
            width: { exact: options.width },
            height: { exact: options.height },
            frameRate: { exact: options.fps },
          },
    });
    session = new ClientSession({
      url: location.origin,
      createPeerConnection: (config) => {
        const pc = new RTCPeerConnection(config);
        peerConnections.push(pc);
        return pc;
      },
      createMediaStream: (tracks) => new MediaStream(tracks),
      ...(options.uplinkKbps === null ? {} : { uplinkKbps: options.uplinkKbps }),
    });
    session.setLocalStream('cam', cam);
    session.on('remoteStreamChanged', ({ origin, key, stream, route }) => {
      if (key !== 'cam') return;
      for (const track of stream.getTracks())
        trackOrigin.set(track.id, { origin, hops: route.hops });
    });
    const settings = cam.getVideoTracks()[0]?.getSettings() ?? {};
    return {
      width: settings.width ?? 0,
      height: settings.height ?? 0,
      frameRate: settings.frameRate ?? 0,
    };
  },
  async join(roomId, name) {
    if (!session) throw new Error('start first');
    const at = now();
    await session.join({
      roomId,
      displayName: name,
      media: { audio: true, video: true, screen: false },
    });
    selfId = session.selfId ?? '';
    return { at, selfId };
  },
  async setTopology(topology: Topology) {
    if (!session) throw new Error('start first');
    const at = now();
    await session.setTopology(topology);
    return at;
  },
  setUplinkBudget(kbps) {
    session?.setUplinkBudget(kbps);
  },
  async frames() {
    const s = await sample();
    const byOrigin = new Map<string, number>();
    for (const i of s.inbound) {
      byOrigin.set(i.origin, Math.max(byOrigin.get(i.origin) ?? 0, i.framesDecoded));
    }
    return [...byOrigin].map(([origin, count]) => ({ origin, count }));
  },
  sample,
  async leave() {
    await session?.leave();
    session?.close();
  },
};

(window as unknown as { bench: UplinkBenchApi }).bench = api;
document.title = 'meshwork uplink bench peer';
