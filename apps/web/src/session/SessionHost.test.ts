import { describe, expect, it, vi } from 'vitest';
import { FakeSession } from '../test/fakes';
import { SessionHost } from './SessionHost';

function host() {
  const made: FakeSession[] = [];
  const detach = vi.fn();
  const attach = vi.fn(() => detach);
  const sessions = new SessionHost({
    createSession: () => {
      const session = new FakeSession();
      made.push(session);
      return session;
    },
    attach,
  });
  return { sessions, made, attach, detach };
}

describe('SessionHost', () => {
  it('makes a fresh session per open, closing and detaching the one before', async () => {
    const { sessions, made, attach, detach } = host();
    const first = await sessions.open();
    expect(attach).toHaveBeenCalledWith(first);
    expect(sessions.current).toBe(first);

    const second = await sessions.open();
    expect(second).not.toBe(first);
    expect(made[0]?.close).toHaveBeenCalled();
    expect(detach).toHaveBeenCalledTimes(1);
    expect(sessions.current).toBe(second);
  });

  it('leaves, then detaches and closes the session', async () => {
    const { sessions, detach } = host();
    const session = (await sessions.open()) as FakeSession;
    await sessions.leave();
    expect(session.leave).toHaveBeenCalled();
    expect(detach).toHaveBeenCalled();
    expect(session.close).toHaveBeenCalled();
    expect(sessions.current).toBeNull();
  });

  it('does not close a session a newer join opened while the last one was leaving', async () => {
    const { sessions } = host();
    const old = (await sessions.open()) as FakeSession;
    let left: () => void = () => {};
    old.leave.mockImplementationOnce(() => new Promise<void>((resolve) => (left = resolve)));
    const leaving = sessions.leave();
    const next = (await sessions.open()) as FakeSession;
    left();
    await leaving;
    expect(sessions.current).toBe(next);
    expect(next.close).not.toHaveBeenCalled();
  });

  it('on shutdown stops listening at once and leaves without waiting', async () => {
    const { sessions, detach } = host();
    const session = (await sessions.open()) as FakeSession;
    sessions.shutdown();
    expect(detach).toHaveBeenCalled();
    expect(session.leave).toHaveBeenCalled();
    expect(sessions.current).toBeNull();
  });
});
