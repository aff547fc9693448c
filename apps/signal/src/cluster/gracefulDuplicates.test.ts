import { describe, expect, it, vi } from 'vitest';
import { closeGracefully } from './gracefulDuplicates';

function client(opts: { ready: boolean; closes: boolean }) {
  return {
    isReady: opts.ready,
    close: vi.fn(() => (opts.closes ? Promise.resolve() : new Promise<void>(() => {}))),
    destroy: vi.fn(),
  };
}

describe('closeGracefully (adapter connections)', () => {
  it('a ready connection is closed after its pending replies, never destroyed', async () => {
    const c = client({ ready: true, closes: true });
    await closeGracefully(c as never, 200);
    expect(c.close).toHaveBeenCalledOnce();
    expect(c.destroy).not.toHaveBeenCalled();
  });

  it('a connection that comes back within the bound is closed gracefully', async () => {
    const c = client({ ready: false, closes: true });
    setTimeout(() => {
      c.isReady = true;
    }, 30);
    await closeGracefully(c as never, 500);
    expect(c.close).toHaveBeenCalledOnce();
    expect(c.destroy).not.toHaveBeenCalled();
  });

  it('a connection that never comes back, or never finishes closing, is destroyed at the bound', async () => {
    const away = client({ ready: false, closes: true });
    await closeGracefully(away as never, 60);
    expect(away.close).not.toHaveBeenCalled();
    expect(away.destroy).toHaveBeenCalledOnce();
    const stuck = client({ ready: true, closes: false });
    await closeGracefully(stuck as never, 60);
    expect(stuck.destroy).toHaveBeenCalledOnce();
  });
});
