import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { tabStops } from '../../hooks/useFocusTrap';
import { ids, peer, roomView, settings } from '../../test/fakes';
import { renderWithStore } from '../../test/render';
import SettingsDialog from './SettingsDialog';

const people = [
  peer(ids.me, 'Me', 1),
  peer(ids.ana, 'Ana', 2),
  peer(ids.bo, 'Bo', 3),
  peer(ids.cy, 'Cy', 4),
];

async function setup(topology: 'mesh' | 'star' | 'ring' = 'mesh') {
  const made = renderWithStore(<SettingsDialog />);
  await act(() => made.store.getState().join('brave-otter-42'));
  act(() => {
    made.session().emit('statusChanged', { status: 'joined' });
    made
      .session()
      .emit(
        'roomChanged',
        roomView(people, { settings: settings({ topology, hubPreference: null }) }),
      );
  });
  return made;
}

function costOf(topology: string) {
  const option = document.querySelector(`[data-topology="${topology}"]`) as HTMLElement;
  const read = (key: string) => Number(option.querySelector(`[data-cost="${key}"]`)?.textContent);
  return { up: read('up'), down: read('down'), links: read('links'), hops: read('hops') };
}

describe('SettingsDialog', () => {
  it('offers the topologies as a radio group, the room current one checked', async () => {
    await setup('star');
    const group = screen.getByRole('radiogroup', { name: 'Topology' });
    const radios = within(group).getAllByRole('radio');
    expect(radios.map((r) => r.getAttribute('value'))).toEqual(['auto', 'mesh', 'star', 'ring']);
    expect(within(group).getByRole('radio', { name: 'Automatic' })).not.toBeChecked();
    expect(within(group).getByRole('radio', { name: 'Full mesh' })).not.toBeChecked();
    expect(within(group).getByRole('radio', { name: 'Star' })).toBeChecked();
    expect(within(group).getByRole('radio', { name: 'Ring' })).not.toBeChecked();
  });

  it('changes the topology for the room through the session', async () => {
    const { session } = await setup('mesh');
    await userEvent.click(screen.getByRole('radio', { name: 'Ring' }));
    expect(session().setTopology).toHaveBeenCalledWith('ring');
    expect(screen.getByRole('radio', { name: 'Ring' })).toBeChecked();
  });

  it('[P28] Automatic is chosen through the session and previews what it would pick now', async () => {
    const { session } = await setup('mesh');
    // Four people, nobody held back: Automatic would run a full mesh, at a mesh's cost.
    expect(costOf('auto')).toEqual(costOf('mesh'));
    expect(document.querySelector('[data-auto-pick]')?.textContent).toBe('Now: Full mesh');
    await userEvent.click(screen.getByRole('radio', { name: 'Automatic' }));
    expect(session().setTopology).toHaveBeenCalledWith('auto');
    act(() => {
      session().emit(
        'roomChanged',
        roomView(people, {
          settings: settings({
            topology: 'auto',
            auto: {
              topology: 'star',
              reason: 'limited',
              limitedPeer: ids.bo,
              limit: 'cpu',
              hub: 'peer',
            },
          }),
        }),
      );
    });
    expect(screen.getByRole('radio', { name: 'Automatic' })).toBeChecked();
    expect(costOf('auto')).toEqual(costOf('star'));
    expect(document.querySelector('[data-auto-pick]')?.textContent).toBe('Now: Star');
  });

  it('previews each topology cost for this person with 4 peers', async () => {
    await setup();
    expect(screen.getByText(/with 4 people in the room/)).toBeInTheDocument();
    // This person joined first, so is the elected star hub.
    expect(costOf('mesh')).toEqual({ up: 3, down: 3, links: 3, hops: 1 });
    expect(costOf('star')).toEqual({ up: 9, down: 3, links: 3, hops: 1 });
    // In a ring of 4 the first joiner relays each neighbour's video to the other.
    expect(costOf('ring')).toEqual({ up: 4, down: 3, links: 2, hops: 2 });
  });

  it('lets a person choose the hub when the room is a star', async () => {
    const { session } = await setup('star');
    await userEvent.selectOptions(screen.getByLabelText('Star hub'), ids.bo);
    expect(session().setHub).toHaveBeenCalledWith(ids.bo);
  });

  it('closes on Escape and with its close button', async () => {
    const { store } = await setup();
    act(() => store.getState().setSettingsOpen(true));
    await userEvent.keyboard('{Escape}');
    expect(store.getState().settingsOpen).toBe(false);
    act(() => store.getState().setSettingsOpen(true));
    await userEvent.click(screen.getByRole('button', { name: 'Close settings' }));
    expect(store.getState().settingsOpen).toBe(false);
  });

  it('keeps Tab inside the dialog, wrapping both ways, and gives focus back when it closes', async () => {
    const opener = document.createElement('button');
    opener.textContent = 'Settings';
    document.body.append(opener);
    opener.focus();
    const { store, unmount } = await setup();
    const dialog = screen.getByRole('dialog', { name: 'Settings' });
    expect(document.activeElement).toBe(dialog);
    const stops = tabStops(dialog);
    expect(stops.length).toBeGreaterThan(2);
    await userEvent.tab();
    expect(document.activeElement).toBe(stops[0]);
    await userEvent.tab({ shift: true });
    expect(document.activeElement).toBe(stops.at(-1));
    await userEvent.tab();
    expect(document.activeElement).toBe(stops[0]);
    // Many Tabs never leave the dialog.
    for (let i = 0; i < stops.length * 2; i++) {
      await userEvent.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
    await userEvent.keyboard('{Escape}');
    expect(store.getState().settingsOpen).toBe(false);
    unmount();
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });
});
