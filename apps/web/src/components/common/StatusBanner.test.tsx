import { act, screen } from '@testing-library/react';
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
    expect(banner).toHaveTextContent('Retrying in 3 s (attempt 2)');
    act(() => vi.advanceTimersByTime(1000));
    expect(banner).toHaveTextContent('Retrying in 2 s');
    act(() => vi.advanceTimersByTime(2000));
    expect(banner).toHaveTextContent('Retrying now');
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
