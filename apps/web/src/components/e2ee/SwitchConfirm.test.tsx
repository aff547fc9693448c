import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ids, peer, roomView, settings } from '../../test/fakes';
import { renderWithStore } from '../../test/render';
import SettingsDialog from '../settings/SettingsDialog';

const people = [
  peer(ids.me, 'Me', 1),
  peer(ids.ana, 'Ana', 2),
  peer(ids.bo, 'Bo', 3),
  peer(ids.cy, 'Cy', 4),
];

async function setup(e2ee: boolean) {
  const made = renderWithStore(<SettingsDialog />);
  await act(() => made.store.getState().join('brave-otter-42'));
  act(() => {
    made.session().emit('statusChanged', { status: 'joined' });
    made
      .session()
      .emit(
        'roomChanged',
        roomView(people, { settings: settings({ topology: 'mesh', hostId: ids.me, e2ee }) }),
      );
  });
  return made;
}

describe('a switch that would end end-to-end encryption', () => {
  it('[P31] asks first, names who would decode, and switches only when confirmed', async () => {
    const { session } = await setup(true);
    await userEvent.click(screen.getByRole('radio', { name: 'Ring' }));
    const dialog = screen.getByRole('alertdialog', { name: 'End end-to-end encryption?' });
    expect(dialog.textContent).toMatch(/would relay video in the browser/);
    expect(session().setTopology).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Keep encryption end to end' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(session().setTopology).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('radio', { name: 'Ring' }));
    await userEvent.click(screen.getByRole('button', { name: 'Switch anyway' }));
    expect(session().setTopology).toHaveBeenCalledWith('ring');
  });

  it('[P31] switches at once when the room does not encrypt', async () => {
    const { session } = await setup(false);
    await userEvent.click(screen.getByRole('radio', { name: 'Ring' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(session().setTopology).toHaveBeenCalledWith('ring');
  });

  it('[P31] the host’s switch asks the server to turn encryption on', async () => {
    const { session } = await setup(false);
    await userEvent.click(screen.getByRole('checkbox', { name: 'End-to-end encryption' }));
    expect(session().updateRoom).toHaveBeenCalledWith({ e2ee: true });
  });
});
