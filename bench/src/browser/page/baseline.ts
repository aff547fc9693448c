// The baseline page: the least a two-person WebRTC call needs. One hand-rolled RTCPeerConnection,
// one offer/answer and trickled candidates through a bare Socket.IO relay (`io.to(m.to).emit`),
// the same fake camera as the Meshwork bench page, frames timed the same way. Bundled by
// ../pageBundle.ts next to the bench page; driven through `window.baseline`.

import { io, type Socket } from 'socket.io-client';
import type { BaselineApi, BaselineSignal, StartOptions } from './api';

let camera: MediaStream | null = null;
let socket: Socket | null = null;
let pc: RTCPeerConnection | null = null;
let firstFrameAt: number | null = null;
let frames = 0;
/** Signals are handled one at a time, in arrival order (candidates after their description). */
let chain: Promise<void> = Promise.resolve();

/** Wall-clock ms with sub-ms resolution, comparable across pages of one browser. */
function now(): number {
  return performance.timeOrigin + performance.now();
}

async function readFrames(track: MediaStreamTrack): Promise<void> {
  const Processor = (
    globalThis as unknown as {
      MediaStreamTrackProcessor: new (init: {
        track: MediaStreamTrack;
      }) => { readable: ReadableStream<VideoFrame> };
    }
  ).MediaStreamTrackProcessor;
  const reader = new Processor({ track }).readable.getReader();
  for (;;) {
    const { value: frame, done } = await reader.read();
    if (done || !frame) return;
    firstFrameAt ??= now();
    frames += 1;
    frame.close();
  }
}

function send(to: string, body: Omit<BaselineSignal, 'from' | 'to'>): void {
  if (!socket?.id) return;
  socket.emit('signal', { ...body, from: socket.id, to });
}

/** The one peer connection, with the camera on it and candidates trickled to `peer`. */
function connection(peer: string): RTCPeerConnection {
  if (pc) return pc;
  const made = new RTCPeerConnection();
  for (const track of camera?.getTracks() ?? []) made.addTrack(track, camera as MediaStream);
  made.onicecandidate = (e) => {
    if (e.candidate) send(peer, { type: 'candidate', candidate: e.candidate.toJSON() });
  };
  made.ontrack = (e) => {
    if (e.track.kind === 'video') void readFrames(e.track);
  };
  pc = made;
  return made;
}

async function onSignal(m: BaselineSignal): Promise<void> {
  if (m.type === 'hello') {
    // The peer already in the room offers to the one who arrived.
    const offerer = connection(m.from);
    const offer = await offerer.createOffer();
    await offerer.setLocalDescription(offer);
    send(m.from, { type: 'description', description: offer });
  } else if (m.type === 'description' && m.description) {
    const local = connection(m.from);
    await local.setRemoteDescription(m.description);
    if (m.description.type === 'offer') {
      const answer = await local.createAnswer();
      await local.setLocalDescription(answer);
      send(m.from, { type: 'description', description: answer });
    }
  } else if (m.type === 'candidate' && m.candidate && pc) {
    await pc.addIceCandidate(m.candidate);
  }
}

/** A socket to the relay that served this page, as the Meshwork client opens its own. */
function open(): Promise<string> {
  const s = io(location.origin, { transports: ['websocket'] });
  socket = s;
  s.on('signal', (m: BaselineSignal) => {
    chain = chain.then(() => onSignal(m)).catch((err) => console.warn(`baseline: ${err}`));
  });
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s.id ?? ''));
    s.once('connect_error', reject);
  });
}

const api: BaselineApi = {
  async start(options: StartOptions) {
    camera = await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: {
        width: { exact: options.width },
        height: { exact: options.height },
        frameRate: { exact: options.fps },
      },
    });
  },
  async listen() {
    return { id: await open() };
  },
  async join(peer: string) {
    const at = now();
    await open();
    send(peer, { type: 'hello' });
    return { at };
  },
  firstFrame() {
    return { at: firstFrameAt, frames };
  },
  close() {
    pc?.close();
    socket?.close();
    for (const track of camera?.getTracks() ?? []) track.stop();
  },
};

(window as unknown as { baseline: BaselineApi }).baseline = api;
document.title = 'meshwork bench baseline';
