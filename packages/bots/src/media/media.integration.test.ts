import { afterEach, describe, expect, it } from 'vitest';
import { RTCPeerConnection } from '../wrtc';
import { FrameReader } from './FrameReader';
import type { FrameCode } from './frameCode';
import { SyntheticMedia } from './SyntheticMedia';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** Connects two wrtc peer connections directly (no signal app), sending `media` from a to b. */
async function loopback(media: SyntheticMedia): Promise<MediaStreamTrack> {
  const a = new RTCPeerConnection();
  const b = new RTCPeerConnection();
  cleanups.push(() => {
    a.close();
    b.close();
  });
  a.onicecandidate = (e) => {
    if (e.candidate) void b.addIceCandidate(e.candidate);
  };
  b.onicecandidate = (e) => {
    if (e.candidate) void a.addIceCandidate(e.candidate);
  };
  const track = new Promise<MediaStreamTrack>((resolve) => {
    b.ontrack = (e) => {
      if (e.track.kind === 'video') resolve(e.track);
    };
  });
  for (const t of media.stream.getTracks()) a.addTrack(t, media.stream);
  await a.setLocalDescription(await a.createOffer());
  await b.setRemoteDescription(a.localDescription as RTCSessionDescriptionInit);
  await b.setLocalDescription(await b.createAnswer());
  await a.setRemoteDescription(b.localDescription as RTCSessionDescriptionInit);
  return track;
}

describe('synthetic media over a real WebRTC path', () => {
  it('a receiver reads increasing counters and the bot index from decoded frames', async () => {
    const media = new SyntheticMedia({ index: 7 });
    cleanups.push(() => media.stop());
    media.start();
    const track = await loopback(media);
    const codes: FrameCode[] = [];
    let unreadable = 0;
    await new Promise<void>((resolve) => {
      const reader = new FrameReader(track, (code) => {
        if (!code) unreadable++;
        else codes.push(code);
        if (codes.length >= 20) {
          reader.stop();
          resolve();
        }
      });
      cleanups.push(() => reader.stop());
    });
    expect(codes.every((c) => c.index === 7)).toBe(true);
    for (let i = 1; i < codes.length; i++) {
      expect(codes[i]?.counter).toBeGreaterThan(codes[i - 1]?.counter ?? Infinity);
    }
    expect(media.framesProduced).toBeGreaterThanOrEqual(20);
    console.info(
      `[media] 20 frames read, ${unreadable} unreadable, counters ${codes[0]?.counter}..${codes.at(-1)?.counter}`,
    );
  });
});
