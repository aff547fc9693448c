// The benchmark page: one Meshwork peer (ClientSession over the browser's RTCPeerConnection)
// with per-origin frame counters read straight from the received tracks. Bundled by
// ../pageBundle.ts and served by the signal app from its web root; driven through `window.bench`.

import { createI420Frame, decodeFrameCode, encodeFrameCode } from '@meshwork/bots';
import {
  ClientSession,
  type ClientSessionOptions,
  type ClientSocket,
  connectSocket,
} from '@meshwork/client';
import type { Topology } from '@meshwork/protocol';
import type { BenchApi, OriginFrames, PageEvent, StartOptions, TimingMark } from './api';

interface Watch {
  frames: OriginFrames;
  tracks: Set<MediaStreamTrack>;
}

const watches = new Map<string, Watch>();
const events: PageEvent[] = [];
let session: ClientSession | null = null;
let gapWindowStart = 0;
let decodeStamps = false;
let signalsSent = 0;
const peerConnections: RTCPeerConnection[] = [];

/** Wall-clock ms with sub-ms resolution, comparable across pages of one browser. */
function now(): number {
  return performance.timeOrigin + performance.now();
}

/** The mesh's own timing marks (Logger messages), kept with page time for the switch profile. */
const MARKED = new Set([
  'plan prepared',
  'plan ready',
  'status',
  'incoming tracks decoding',
  'this offer renumbers negotiated payload types',
]);
const marks: TimingMark[] = [];
type Logger = NonNullable<ClientSessionOptions['logger']>;

function markingLogger(namespace: string): Logger {
  const record = (msg: string, data?: Record<string, unknown>) => {
    if (MARKED.has(msg)) marks.push({ at: now(), namespace, msg, data: data ?? {} });
  };
  return {
    debug: record,
    info: record,
    warn: record,
    error: record,
    child: (name) => markingLogger(namespace ? `${namespace}/${name}` : name),
  };
}

function log(type: PageEvent['type'], detail: Record<string, unknown> = {}): void {
  events.push({ type, at: now(), ...detail });
}

function stampedCamera(index: number, width: number, height: number, fps: number): MediaStream {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d canvas');
  const stream = canvas.captureStream(0);
  const track = stream.getVideoTracks()[0] as CanvasCaptureMediaStreamTrack;
  const frame = createI420Frame(width, height);
  const image = ctx.createImageData(width, height);
  let counter = 0;
  setInterval(() => {
    encodeFrameCode(frame, { counter, index, stamp: Math.floor(Date.now()) % 65_536 });
    counter += 1;
    for (let i = 0; i < width * height; i++) {
      const y = frame.data[i] ?? 0;
      image.data[i * 4] = y;
      image.data[i * 4 + 1] = y;
      image.data[i * 4 + 2] = y;
      image.data[i * 4 + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
    track.requestFrame();
  }, 1000 / fps);
  return stream;
}

async function readFrames(origin: string, track: MediaStreamTrack): Promise<void> {
  const Processor = (
    globalThis as unknown as {
      MediaStreamTrackProcessor: new (init: {
        track: MediaStreamTrack;
      }) => { readable: ReadableStream<VideoFrame> };
    }
  ).MediaStreamTrackProcessor;
  const reader = new Processor({ track }).readable.getReader();
  let lumaBuffer = new Uint8Array(0);
  for (;;) {
    const { value: frame, done } = await reader.read();
    if (done || !frame) return;
    const at = now();
    const w = watches.get(origin);
    if (w) {
      const f = w.frames;
      f.count += 1;
      f.firstAt ??= at;
      const since = Math.max(f.lastAt ?? gapWindowStart, gapWindowStart);
      if (at - since > f.maxGapMs) f.maxGapMs = at - since;
      f.lastAt = at;
      if (decodeStamps) {
        const width = frame.codedWidth;
        const height = frame.codedHeight;
        const size = frame.allocationSize();
        if (lumaBuffer.length < size) lumaBuffer = new Uint8Array(size);
        await frame.copyTo(lumaBuffer);
        // I420 and NV12 both start with the full-resolution luma plane.
        const code = decodeFrameCode({ width, height, data: lumaBuffer });
        if (code) {
          const age =
            ((((Math.floor(Date.now()) % 65_536) - code.stamp) % 65_536) + 65_536) % 65_536;
          f.latencies.push(age);
          if (f.latencies.length > 600) f.latencies.shift();
        }
      }
    }
    frame.close();
  }
}

/** Counts the `signal` events the session emits on `socket`, then sends them as usual. */
function countSignals(socket: ClientSocket): ClientSocket {
  const emit = socket.emit.bind(socket) as (event: string, ...args: unknown[]) => ClientSocket;
  (socket as unknown as { emit: typeof emit }).emit = (event, ...args) => {
    if (event === 'signal') signalsSent += 1;
    return emit(event, ...args);
  };
  return socket;
}

const api: BenchApi = {
  async start(options: StartOptions) {
    decodeStamps = options.source === 'stamped';
    const cam =
      options.source === 'stamped'
        ? stampedCamera(options.index, options.width, options.height, options.fps)
        : await navigator.mediaDevices.getUserMedia({
            audio: false,
            video: {
              width: { exact: options.width },
              height: { exact: options.height },
              frameRate: { exact: options.fps },
            },
          });
    session = new ClientSession({
      url: location.origin,
      logger: markingLogger(''),
      createPeerConnection: (config) => {
        const pc = new RTCPeerConnection(config);
        peerConnections.push(pc);
        return pc;
      },
      createMediaStream: (tracks) => new MediaStream(tracks),
      // Signals are counted where they leave the page: on the socket the session sends them on.
      connect: (url, socketOptions) => countSignals(connectSocket(url, socketOptions)),
    });
    session.setLocalStream('cam', cam);
    session.on('remoteStreamChanged', ({ origin, key, stream, route }) => {
      if (key !== 'cam') return;
      let w = watches.get(origin);
      if (!w) {
        w = {
          frames: {
            origin,
            count: 0,
            firstAt: null,
            lastAt: null,
            maxGapMs: 0,
            hops: route.hops,
            latencies: [],
          },
          tracks: new Set(),
        };
        watches.set(origin, w);
      }
      w.frames.hops = route.hops;
      log('stream', { origin, hops: route.hops });
      for (const track of stream.getVideoTracks()) {
        if (w.tracks.has(track)) continue;
        w.tracks.add(track);
        void readFrames(origin, track);
      }
    });
    session.on('planChanged', ({ plan, committed }) => {
      log(committed ? 'committed' : 'prepared', { version: plan.version, topology: plan.topology });
    });
  },
  async join(roomId: string, name: string) {
    if (!session) throw new Error('start first');
    const at = now();
    log('joining');
    await session.join({
      roomId,
      displayName: name,
      media: { audio: false, video: true, screen: false },
    });
    log('joined');
    return { at, selfId: session.selfId ?? '' };
  },
  async setTopology(topology: Topology) {
    if (!session) throw new Error('start first');
    const at = now();
    log('switching', { topology });
    await session.setTopology(topology);
    return at;
  },
  frames() {
    return [...watches.values()].map((w) => ({ ...w.frames, latencies: [...w.frames.latencies] }));
  },
  resetGaps() {
    gapWindowStart = now();
    for (const w of watches.values()) {
      w.frames.maxGapMs = 0;
      w.frames.latencies = [];
    }
    return gapWindowStart;
  },
  events() {
    return [...events];
  },
  marks(since: number) {
    return marks.filter((m) => m.at >= since);
  },
  now,
  signalsSent() {
    return signalsSent;
  },
  async bytesSent() {
    let total = 0;
    for (const pc of peerConnections) {
      if (pc.connectionState === 'closed') continue;
      const report = await pc.getStats();
      report.forEach((s: { type: string; kind?: string; bytesSent?: number }) => {
        if (s.type === 'outbound-rtp' && s.kind === 'video') total += s.bytesSent ?? 0;
      });
    }
    return { at: now(), bytes: total };
  },
  async leave() {
    await session?.leave();
    session?.close();
  },
};

(window as unknown as { bench: BenchApi }).bench = api;
document.title = 'meshwork bench peer';
