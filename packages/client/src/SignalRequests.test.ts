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

describe('SignalRequests host requests', () => {
  it('[P15] sends updateRoom, removePeer and transferHost and resolves on ok', async () => {
    const { socket, requests } = setup();
    const update = requests.updateRoom({ locked: true, controlPolicy: 'host' });
    socket.ack('updateRoom', { ok: true });
    await expect(update).resolves.toBeUndefined();
    const remove = requests.removePeer('peer-cccccccc');
    socket.ack('removePeer', { ok: true });
    await expect(remove).resolves.toBeUndefined();
    const transfer = requests.transferHost('peer-cccccccc');
    socket.ack('transferHost', { ok: true });
    await expect(transfer).resolves.toBeUndefined();
    expect(socket.of('updateRoom')[0]?.[0]).toEqual({ locked: true, controlPolicy: 'host' });
    expect(socket.of('removePeer')[0]?.[0]).toEqual({ peer: 'peer-cccccccc' });
    expect(socket.of('transferHost')[0]?.[0]).toEqual({ peer: 'peer-cccccccc' });
  });

  it.each(['updateRoom', 'removePeer', 'transferHost'] as const)(
    '[P15] %s refused with ERR_NOT_HOST rejects with that code',
    async (event) => {
      const { socket, requests } = setup();
      const done =
        event === 'updateRoom'
          ? requests.updateRoom({ locked: true })
          : requests[event]('peer-cccccccc');
      socket.ack(event, {
        ok: false,
        error: 'ERR_NOT_HOST',
        message: 'Only the host can do that.',
      });
      await expect(done).rejects.toBeInstanceOf(SessionError);
      await expect(done).rejects.toMatchObject({ code: 'ERR_NOT_HOST' });
    },
  );

  it('a host request without an answer rejects with ERR_TIMEOUT at ACK_TIMEOUT_MS', async () => {
    const { clock, requests } = setup();
    const done = requests.transferHost('peer-cccccccc');
    clock.advance(ACK_TIMEOUT_MS);
    await expect(done).rejects.toMatchObject({ code: 'ERR_TIMEOUT' });
  });
});
