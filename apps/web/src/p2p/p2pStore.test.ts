import { FakeClock, noopLogger } from '@meshwork/kit';
import { encodeSummary, P2P_CODE_MAX_AGE_MS } from '@meshwork/mesh/p2p';
import { describe, expect, it, vi } from 'vitest';
import { P2pCall } from './P2pCall';
import { bridgeP2pCall, createP2pStore } from './p2pStore';

const START = Date.UTC(2026, 11, 1);

function setup(now = START) {
  const createPeerConnection = vi.fn(() => {
    throw new Error('no WebRTC in this test');
  });
  const call = new P2pCall({
    createPeerConnection,
    localTracks: async () => [],
    clock: new FakeClock(now),
    logger: noopLogger,
  });
  const store = createP2pStore(call);
  bridgeP2pCall(call, store);
  return { call, store, createPeerConnection };
}

describe('serverless call page store', () => {
  it.each([
    ['not a code', 'hello', 'ERR_P2P_CODE_MALFORMED'],
    ['a broken code', 'MW1.this-is-not-a-code', 'ERR_P2P_CODE_MALFORMED'],
    ['a later version', 'MW2.abc', 'ERR_P2P_CODE_VERSION'],
  ])('%s shows its message and opens no connection', async (_what, code, text) => {
    const { store, createPeerConnection } = setup();
    await store.getState().applyTheirCode(code);
    expect(store.getState()).toMatchObject({ error: text, busy: false, callState: 'idle' });
    expect(createPeerConnection).not.toHaveBeenCalled();
  });

  it('a code older than ten minutes says so, and one of the wrong kind says so', async () => {
    const summary = {
      ufrag: 'abcd',
      pwd: 'abcdefghijklmnopqrstuvwx',
      fingerprint: new Uint8Array(32),
      setup: 'active' as const,
      candidates: [],
    };
    const answer = await encodeSummary({ ...summary, type: 'answer' }, START);
    const late = setup(START + P2P_CODE_MAX_AGE_MS + 60_000);
    await late.store.getState().applyTheirCode(answer);
    expect(late.store.getState().error).toBe('ERR_P2P_CODE_STALE');
    const fresh = setup();
    await fresh.store.getState().applyTheirCode(answer);
    expect(fresh.store.getState().error).toBe('ERR_P2P_CODE_WRONG_KIND');
    expect(fresh.createPeerConnection).not.toHaveBeenCalled();
  });

  it('a browser that cannot make a connection gets a message, not an exception', async () => {
    const { store } = setup();
    await store.getState().start();
    expect(store.getState()).toMatchObject({
      error: 'ERR_P2P_NEGOTIATION',
      busy: false,
      yourCode: null,
    });
  });

  it('chat is not recorded while no channel carries it', () => {
    const { store } = setup();
    store.getState().sendChat('hello');
    expect(store.getState().chat).toEqual([]);
  });

  it('closing is idempotent and releases the camera', () => {
    const { call, store } = setup();
    const track = { stop: vi.fn() };
    const stream = { getTracks: () => [track] } as unknown as MediaStream;
    store.getState().setLocalStream(stream, false);
    call.close();
    call.close();
    expect(store.getState().callState).toBe('closed');
    expect(track.stop).toHaveBeenCalledOnce();
  });
});
