import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from './App';
import { ids, peer, roomView, settings } from './test/fakes';
import { renderWithStore, wholeText } from './test/render';

afterEach(() => {
  window.history.replaceState(null, '', '/');
});

// Each test renders the whole app and types like a person: slow on a loaded machine, so a wide bound.
describe('App', { timeout: 30_000 }, () => {
  it('starts a new room with a readable name and shows its pre-join screen', async () => {
    renderWithStore(<App />);
    await userEvent.click(screen.getByRole('button', { name: 'Start a new room' }));
    expect(await screen.findByRole('button', { name: 'Join' })).toBeInTheDocument();
    expect(window.location.pathname).toMatch(/^\/r\/(?:[a-z]+-){5}\d{3}$/);
  });

  it('opens a typed room name', async () => {
    renderWithStore(<App />);
    await userEvent.type(screen.getByLabelText('Room name'), 'Team Sync');
    await userEvent.click(screen.getByRole('button', { name: 'Open room' }));
    expect(window.location.pathname).toBe('/r/team-sync');
    expect(await screen.findByRole('heading', { name: 'Join team-sync' })).toBeInTheDocument();
  });

  it('moves from pre-join to the call, names the topology, and announces a peer dropping out', async () => {
    window.history.replaceState(null, '', '/r/brave-otter-42');
    window.localStorage.setItem('meshwork.displayName', 'Me');
    const { session } = renderWithStore(<App />);
    await userEvent.click(await screen.findByRole('button', { name: 'Join' }));
    act(() => {
      session().emit('statusChanged', { status: 'joined' });
      session().emit(
        'roomChanged',
        roomView([peer(ids.me, 'Me', 1), peer(ids.ana, 'Ana', 2)], {
          settings: settings({ topology: 'star', hubPreference: null }),
        }),
      );
    });
    expect(screen.getByRole('figure', { name: 'Ana' })).toBeInTheDocument();
    expect(screen.getByText(/^Topology: Star/)).toBeInTheDocument();
    act(() => {
      session().emit('peerLeft', { peerId: ids.ana, reason: 'timeout' });
      session().emit(
        'roomChanged',
        roomView([peer(ids.me, 'Me', 1)], {
          settings: settings({ topology: 'star', hubPreference: null }),
        }),
      );
    });
    expect(
      screen.getByText(wholeText('Ana dropped out (connection lost)')).closest('[aria-live]'),
    ).toHaveAttribute('aria-live', 'polite');
    expect(screen.queryByRole('figure', { name: 'Ana' })).not.toBeInTheDocument();
  });

  it('keeps the call on screen while reconnecting, with the reason', async () => {
    window.history.replaceState(null, '', '/r/brave-otter-42');
    window.localStorage.setItem('meshwork.displayName', 'Me');
    const { session } = renderWithStore(<App />);
    await userEvent.click(await screen.findByRole('button', { name: 'Join' }));
    act(() => {
      session().emit('statusChanged', { status: 'joined' });
      session().emit('roomChanged', roomView([peer(ids.me, 'Me', 1)]));
      session().emit('statusChanged', {
        status: 'reconnecting',
        message: 'transport close',
        retryInMs: 2000,
        attempt: 1,
      });
    });
    expect(screen.getByRole('figure', { name: 'Me' })).toBeInTheDocument();
    expect(screen.getByText('Reconnecting…').closest('[role="status"]')).toHaveTextContent(
      /transport close.*Retrying in 2 seconds \(attempt 1\)/,
    );
  });

  it('[P15] tells a removed person the host removed them, and offers no rejoin', async () => {
    window.history.replaceState(null, '', '/r/brave-otter-42');
    window.localStorage.setItem('meshwork.displayName', 'Me');
    const { session } = renderWithStore(<App />);
    await userEvent.click(await screen.findByRole('button', { name: 'Join' }));
    act(() => {
      session().emit('statusChanged', { status: 'joined' });
      session().emit('roomChanged', roomView([peer(ids.me, 'Me', 1), peer(ids.ana, 'Ana', 2)]));
    });
    act(() => session().emit('statusChanged', { status: 'failed', error: 'ERR_REMOVED' }));
    expect(
      screen.getByRole('heading', { name: 'The host removed you from the room.' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('figure')).toBeNull();
    expect(screen.queryByRole('button', { name: /Rejoin|Join/ })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Back to start' }));
    expect(window.location.pathname).toBe('/');
  });
});
