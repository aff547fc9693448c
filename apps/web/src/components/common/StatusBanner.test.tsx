import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithStore } from '../../test/render';
import { StatusBanner } from './StatusBanner';

describe('StatusBanner', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function joined() {
    const made = renderWithStore(<StatusBanner />);
    await act(() => made.store.getState().join('brave-otter-42'));
    return made;
  }

  it('says it is connecting', async () => {
    const { session } = await joined();
    act(() => session().emit('statusChanged', { status: 'connecting' }));
    expect(screen.getByRole('status')).toHaveTextContent('Connecting…');
  });

  it('shows an unreachable signal app with the retry countdown and attempt', async () => {
    const { session } = await joined();
    act(() =>
      session().emit('statusChanged', {
        status: 'reconnecting',
        error: 'ERR_UNREACHABLE',
        retryInMs: 3000,
        attempt: 2,
      }),
    );
    const banner = screen.getByRole('status');
    expect(banner).toHaveTextContent('Signal server unreachable.');
    expect(banner).toHaveTextContent('Retrying in 3 seconds (attempt 2)');
    act(() => vi.advanceTimersByTime(1000));
    expect(banner).toHaveTextContent('Retrying in 2 seconds');
    act(() => vi.advanceTimersByTime(2000));
    expect(banner).toHaveTextContent('Retrying now');
  });

  it('offers Retry now while a retry waits; it asks the session to retry at once', async () => {
    const { session } = await joined();
    act(() =>
      session().emit('statusChanged', { status: 'reconnecting', retryInMs: 8000, attempt: 3 }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Retry now' }));
    expect(session().retryNow).toHaveBeenCalledTimes(1);
    // The session then says the attempt runs: nothing is left to hurry.
    act(() =>
      session().emit('statusChanged', { status: 'reconnecting', retryInMs: 0, attempt: 3 }),
    );
    expect(screen.getByRole('status')).toHaveTextContent('Retrying now (attempt 3)');
    expect(screen.queryByRole('button', { name: 'Retry now' })).toBeNull();
  });

  it('gives the reason of a reconnect', async () => {
    const { session } = await joined();
    act(() =>
      session().emit('statusChanged', {
        status: 'reconnecting',
        message: 'transport close',
        retryInMs: 1000,
      }),
    );
    expect(screen.getByRole('status')).toHaveTextContent('Reconnecting… transport close');
  });

  it('is silent once joined', async () => {
    const { session } = await joined();
    act(() => session().emit('statusChanged', { status: 'joined' }));
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });
});
