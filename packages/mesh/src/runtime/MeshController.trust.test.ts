import { FakeClock } from '@meshwork/kit';
import { describe, expect, it } from 'vitest';
import { MeshController } from './MeshController';
import { FakeNetwork, fakeFactory } from './testing/FakePeerConnection';
import { fakeMediaStream } from './testing/fakeRoom';
import { handPlan } from './testing/plans';
import { nodeSubtle, testSigner } from './testing/signers';
import type { MeshControllerOptions } from './types';

const link = (peer: string, epoch: number) => ({ peer, epoch, offerer: false, polite: true });

describe('MeshController trust options', () => {
  it('[M19] signer and subtle are required: without them the constructor throws ERR_BAD_OPTION', async () => {
    const base = {
      selfId: 'peer-bbbb',
      createPeerConnection: fakeFactory(new FakeNetwork()),
      createMediaStream: fakeMediaStream,
      iceServers: [],
    };
    const signer = await testSigner();
    for (const options of [base, { ...base, signer }, { ...base, subtle: nodeSubtle }]) {
      expect(() => new MeshController(options as unknown as MeshControllerOptions)).toThrow(
        expect.objectContaining({ code: 'ERR_BAD_OPTION' }),
      );
    }
  });

  it('[M22] setIceServers: new links use the new servers, open ones take them for their next restart', async () => {
    const configs: RTCConfiguration[] = [];
    const network = new FakeNetwork();
    const create = fakeFactory(network);
    const c = new MeshController({
      selfId: 'peer-bbbb',
      createPeerConnection: (config) => {
        configs.push(config);
        return create(config);
      },
      createMediaStream: fakeMediaStream,
      iceServers: [{ urls: 'turn:turn.test', username: 'old', credential: 'old' }],
      signer: await testSigner(),
      subtle: nodeSubtle,
      clock: new FakeClock(),
    });
    c.applyPlan(handPlan('peer-bbbb', 1, { links: [link('peer-aaaa', 1)] }));
    c.setIceServers([{ urls: 'turn:turn.test', username: 'new', credential: 'new' }]);
    c.applyPlan(handPlan('peer-bbbb', 2, { links: [link('peer-aaaa', 1), link('peer-cccc', 2)] }));
    expect(configs.map((x) => x.iceServers?.[0]?.username)).toEqual(['old', 'new']);
    // The open link takes them for its next gathering (an ICE restart), keeping the rest.
    const [first] = network.created;
    expect(first?.getConfiguration().iceServers?.[0]?.username).toBe('new');
    expect(c.rejectedMessages).toBe(0);
    c.close();
    // After close both are no-ops, like the rest of the controller's inputs from the session.
    c.setIceServers([]);
    c.setPeerKeys(new Map());
  });
});
