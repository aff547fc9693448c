import { FakeClock } from '@meshwork/kit';
import { describe, expect, it } from 'vitest';
import { SessionError } from './errors';
import { ACK_TIMEOUT_MS, LEAVE_TIMEOUT_MS, SignalRequests } from './SignalRequests';
import { FakeSocket } from './testing/FakeSocket';

function setup() {
  const clock = new FakeClock();
  const socket = new FakeSocket('http://signal.test', {});
  const state = { joined: true, closed: false };
  const requests = new SignalRequests(clock, {
    joinedSocket: () => (state.joined ? socket.asClient() : null),
    closed: () => state.closed,
  });
  return { clock, socket, state, requests };
}

describe('SignalRequests', () => {
  it('resolves on an ok answer and rejects a refusal with its code', async () => {
    const { socket, requests } = setup();
    const ok = requests.setHub(null);
    socket.ack('setHub', { ok: true, version: 2 });
    await expect(ok).resolves.toBeUndefined();
    const refused = requests.setTopology('ring');
    socket.ack('setTopology', { ok: false, error: 'ERR_RATE_LIMITED', message: 'slow down' });
    await expect(refused).rejects.toMatchObject({ code: 'ERR_RATE_LIMITED' });
  });

  it('rejects with ERR_TIMEOUT at ACK_TIMEOUT_MS, and with the failAll() error before', async () => {
    const { clock, requests } = setup();
    const late = requests.reportLinks([]);
    clock.advance(ACK_TIMEOUT_MS);
    await expect(late).rejects.toMatchObject({ code: 'ERR_TIMEOUT' });
    const dropped = requests.setHub(null);
    requests.failAll(new SessionError('ERR_UNREACHABLE'));
    await expect(dropped).rejects.toMatchObject({ code: 'ERR_UNREACHABLE' });
  });

  it('misuse rejects at once: ERR_NOT_JOINED while away, ERR_CLOSED once closed', async () => {
    const { socket, state, requests } = setup();
    state.joined = false;
    await expect(requests.setHub(null)).rejects.toMatchObject({ code: 'ERR_NOT_JOINED' });
    state.closed = true;
    await expect(requests.setHub(null)).rejects.toMatchObject({ code: 'ERR_CLOSED' });
    expect(socket.sent).toEqual([]);
  });

  it('leave() waits at most LEAVE_TIMEOUT_MS, and sends nothing when not joined', async () => {
    const { clock, socket, state, requests } = setup();
    const done = requests.leave();
    clock.advance(LEAVE_TIMEOUT_MS);
    await expect(done).rejects.toMatchObject({ code: 'ERR_TIMEOUT' });
    state.joined = false;
    await expect(requests.leave()).resolves.toBe(false);
    expect(socket.of('leave')).toHaveLength(1);
  });
});
