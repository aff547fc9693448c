import { noopLogger } from '@meshwork/kit';
import { describe, expect, it } from 'vitest';
import { ResumeState } from './ResumeState';
import { SignalUplink } from './SignalUplink';
import { FakeSocket } from './testing/FakeSocket';

function setup() {
  const socket = new FakeSocket('http://signal.test', {});
  let joined = false;
  const resume = new ResumeState();
  const uplink = new SignalUplink(() => (joined ? socket.asClient() : null), resume, noopLogger);
  return { socket, uplink, resume, join: (on: boolean) => (joined = on) };
}

const signal = (epoch: number) => ({
  to: 'peer-b',
  epoch,
  signal: { type: 'ice-restart' } as const,
});

describe('SignalUplink', () => {
  it('[P3] relays signals at once while joined, with no ack', () => {
    const { socket, uplink, join } = setup();
    join(true);
    uplink.signal(signal(1));
    expect(socket.of('signal')).toEqual([[signal(1)]]);
  });

  it('queues signals while away and flushes them in order after the join', () => {
    const { socket, uplink, join } = setup();
    uplink.signal(signal(1));
    uplink.signal(signal(2));
    expect(socket.of('signal')).toEqual([]);
    join(true);
    uplink.flush(undefined);
    expect(socket.of('signal').map((a) => (a[0] as { epoch: number }).epoch)).toEqual([1, 2]);
  });

  it('remembers readiness and links while away, and replays them after a rejoin', () => {
    const { socket, uplink, resume, join } = setup();
    uplink.ready(3);
    uplink.links([{ peer: 'peer-b', state: 'connected' }]);
    expect(resume.lastReady).toBe(3);
    join(true);
    uplink.replayLinks();
    uplink.flush(4); // a newer plan: the old readiness is not repeated
    uplink.flush(3);
    expect(socket.of('reportLinks').map((a) => a[0])).toEqual([
      { links: [{ peer: 'peer-b', state: 'connected' }] },
    ]);
    expect(socket.of('planReady').map((a) => a[0])).toEqual([{ version: 3 }]);
  });

  it('drops media updates while away (the join carries the flags) and clear() drops signals', () => {
    const { socket, uplink, join } = setup();
    uplink.media({ audio: false });
    uplink.signal(signal(1));
    uplink.clear();
    join(true);
    uplink.flush(undefined);
    uplink.media({ video: true });
    expect(socket.of('updatePeer').map((a) => a[0])).toEqual([{ media: { video: true } }]);
    expect(socket.of('signal')).toEqual([]);
  });
});
