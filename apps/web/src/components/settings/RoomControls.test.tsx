import type { RoomSettings } from '@meshwork/protocol';
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ids, peer, roomView, settings } from '../../test/fakes';
import { renderWithStore, wholeText } from '../../test/render';
import SettingsDialog from './SettingsDialog';

const people = [peer(ids.me, 'Me', 1), peer(ids.ana, 'Ana', 2)];

async function setup(extra: Partial<RoomSettings>) {
  const made = renderWithStore(<SettingsDialog />);
  await act(() => made.store.getState().join('brave-otter-42'));
  const update = (more: Partial<RoomSettings> = {}) =>
    act(() =>
      made
        .session()
        .emit('roomChanged', roomView(people, { settings: settings({ ...extra, ...more }) })),
    );
  act(() => made.session().emit('statusChanged', { status: 'joined' }));
  update();
  return { ...made, update };
}

describe('room controls in settings', () => {
  it('[P15] lets the host choose who may change topology and hub', async () => {
    const { session, update } = await setup({ hostId: ids.me });
    const hostOnly = screen.getByRole('radio', { name: 'Host only' });
    expect(screen.getByRole('radio', { name: 'Everyone' })).toBeChecked();
    await userEvent.click(hostOnly);
    expect(session().updateRoom).toHaveBeenCalledWith({ controlPolicy: 'host' });
    // The radio follows the room as the server says it, not the click.
    update({ controlPolicy: 'host' });
    expect(hostOnly).toBeChecked();
  });

  it('[P15] lets the host lock the room', async () => {
    const { session } = await setup({ hostId: ids.me });
    await userEvent.click(screen.getByRole('checkbox', { name: /Lock the room/ }));
    expect(session().updateRoom).toHaveBeenCalledWith({ locked: true });
  });

  it('[P15] lets the host set, then clear, the room password', async () => {
    const { session, update } = await setup({ hostId: ids.me });
    const input = screen.getByLabelText('Set a room password');
    await userEvent.type(input, 'tea-at-five');
    await userEvent.click(screen.getByRole('button', { name: 'Set password' }));
    expect(session().updateRoom).toHaveBeenCalledWith({ password: 'tea-at-five' });
    expect(input).toHaveValue('');
    update({ passwordProtected: true });
    await userEvent.click(screen.getByRole('button', { name: 'Remove password' }));
    expect(session().updateRoom).toHaveBeenLastCalledWith({ password: null });
  });

  it('[P15] keeps a refused password in the box and says why', async () => {
    const { session, store } = await setup({ hostId: ids.me });
    session().updateRoom.mockRejectedValueOnce({ code: 'ERR_NOT_HOST' });
    const input = screen.getByLabelText('Set a room password');
    await userEvent.type(input, 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Set password' }));
    expect(input).toHaveValue('x');
    expect(store.getState().announcements.at(-1)?.text).toBe(
      'The room could not be changed: Only the host can do that.',
    );
  });

  it('[P15] shows no room controls to anyone but the host', async () => {
    await setup({ hostId: ids.ana });
    expect(screen.queryByRole('radio', { name: 'Host only' })).toBeNull();
    expect(screen.queryByRole('checkbox', { name: /Lock the room/ })).toBeNull();
    expect(screen.getByRole('radio', { name: 'Ring' })).toBeEnabled();
  });

  it('[P15] disables topology and hub for others when only the host may change them, and says why', async () => {
    const { session } = await setup({
      hostId: ids.ana,
      controlPolicy: 'host',
      topology: 'star',
    });
    const ring = screen.getByRole('radio', { name: 'Ring' });
    expect(ring).toBeDisabled();
    expect(screen.getByLabelText('Star hub')).toBeDisabled();
    expect(
      screen.getAllByText(wholeText('Only the host (Ana) can change this in this room.')),
    ).toHaveLength(2);
    await userEvent.click(ring);
    expect(session().setTopology).not.toHaveBeenCalled();
  });

  it('[P15] leaves topology open to the host under a host-only policy', async () => {
    await setup({ hostId: ids.me, controlPolicy: 'host' });
    expect(screen.getByRole('radio', { name: 'Ring' })).toBeEnabled();
    expect(screen.queryByText(/Only the host/)).toBeNull();
  });
});
