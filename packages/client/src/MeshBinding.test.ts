import { Emitter, FakeClock, noopLogger } from '@meshwork/kit';
import type { MeshEvents } from '@meshwork/mesh/runtime';
import type { LinkReport } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { MeshBinding, PUBLIC_MESH_EVENTS } from './MeshBinding';
import type { OutgoingSignal } from './SignalOutbox';
import { FakeMesh } from './testing/FakeMesh';
import { OTHER, PUBLIC_KEY, SELF } from './testing/fixtures';
import type { SessionEvents } from './types';

const signer = { publicKey: PUBLIC_KEY, sign: async () => 'sig' };
const subtle = {} as SubtleCrypto;

function setup() {
  const meshes: FakeMesh[] = [];
  const events = new Emitter<SessionEvents>();
  const traffic: Array<OutgoingSignal | number | LinkReport[] | MeshEvents['e2eeKeyProduced']> = [];
  const createMediaStream = () => ({}) as MediaStream;
  const binding = new MeshBinding({
    createMesh: (options) => {
      const mesh = new FakeMesh(options);
      meshes.push(mesh);
      return mesh;
    },
    controller: {
      createPeerConnection: () => ({}) as RTCPeerConnection,
      createMediaStream,
      subtle,
      clock: new FakeClock(),
      logger: noopLogger,
    },
    events,
    signalProduced: (s) => traffic.push(s),
    e2eeKeyProduced: (k) => traffic.push(k),
    planReady: (v) => traffic.push(v),
    linksReported: (links) => traffic.push(links),
    logger: noopLogger,
  });
  return { binding, meshes, events, traffic, createMediaStream };
}

describe('MeshBinding', () => {
  it('builds the controller with the join identity and the injected platform', () => {
    const { binding, meshes, createMediaStream } = setup();
    const mesh = binding.open(SELF, [{ urls: 'stun:127.0.0.1:3478' }], signer);
    expect(binding.controller).toBe(mesh);
    expect(meshes[0]?.options).toMatchObject({
      selfId: SELF,
      iceServers: [{ urls: 'stun:127.0.0.1:3478' }],
      createMediaStream,
    });
    // [P14] The session's one signer signs, and the same WebCrypto verifies.
    expect(meshes[0]?.options.signer).toBe(signer);
    expect(meshes[0]?.options.subtle).toBe(subtle);
    expect(() => binding.open(SELF, [], signer)).toThrow();
  });

  it('routes signaling traffic to the session and passes only the public events through', () => {
    const { binding, meshes, events, traffic } = setup();
    binding.open(SELF, [], signer);
    const mesh = meshes[0] as FakeMesh;
    const seen: string[] = [];
    for (const event of PUBLIC_MESH_EVENTS) events.on(event, () => seen.push(event));
    const signal = { to: OTHER, epoch: 1, signal: { type: 'ice-restart' } as const };
    const key = {
      to: OTHER,
      message: {
        t: 'e2ee-key' as const,
        from: SELF,
        to: OTHER,
        keyId: 0,
        dh: `B${'d'.repeat(86)}`,
        sig: 's'.repeat(86),
      },
    };
    mesh.fire('signalProduced', signal);
    mesh.fire('planReady', { version: 2 });
    mesh.fire('linksReported', { links: [] });
    mesh.fire('e2eeKeyProduced', key);
    mesh.fire('linkStateChanged', { peer: OTHER, status: 'connected' });
    mesh.fire('chatReceived', { id: 'c:1', origin: OTHER, text: 'hi', sentAt: 0 });
    expect(traffic).toEqual([signal, 2, [], key]);
    expect(seen).toEqual(['linkStateChanged', 'chatReceived']);
    expect(PUBLIC_MESH_EVENTS).not.toContain('signalProduced');
    expect(PUBLIC_MESH_EVENTS).not.toContain('e2eeKeyProduced');
  });

  it('hands the local streams set so far to each new controller', () => {
    const { binding, meshes } = setup();
    const cam = {} as MediaStream;
    binding.setLocalStream('cam', cam);
    binding.setLocalStream('screen', {} as MediaStream);
    binding.setLocalStream('screen', null);
    binding.open(SELF, [], signer);
    expect(meshes[0]?.calls).toEqual([['setLocalStream', 'cam', cam]]);
    binding.setLocalStream('cam', null);
    expect(meshes[0]?.calls.at(-1)).toEqual(['setLocalStream', 'cam', null]);
  });

  it('[P19] hands renewed ICE servers to the current controller', () => {
    const { binding, meshes } = setup();
    binding.setIceServers([{ urls: 'turn:127.0.0.1:3478' }]);
    binding.open(SELF, [], signer);
    const renewed = [{ urls: 'turn:127.0.0.1:3478', username: 'u', credential: 'c' }];
    binding.setIceServers(renewed);
    expect(meshes[0]?.iceServerUpdates).toEqual([renewed]);
  });

  it('close() disposes every listener and the stats link, then closes the controller', () => {
    const { binding, meshes } = setup();
    binding.open(SELF, [], signer);
    binding.stats.subscribe(() => {});
    const mesh = meshes[0] as FakeMesh;
    expect(mesh.stats.listeners.size).toBe(1);
    binding.close();
    binding.close();
    expect(mesh.listenerTotal()).toBe(0);
    expect(mesh.stats.listeners.size).toBe(0);
    expect(mesh.closed).toBe(1);
    expect(binding.controller).toBeNull();
  });
});
