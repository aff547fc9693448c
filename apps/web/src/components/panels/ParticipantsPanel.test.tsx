import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { isolate } from '../../format/bidi';
import { ids, peer, roomView, settings } from '../../test/fakes';
import { renderWithStore } from '../../test/render';
import { ParticipantsPanel } from './ParticipantsPanel';

const server = {
  ...peer(ids.di, 'Server', 4),
  capacity: { deviceClass: 'server' as const },
  media: { audio: false, video: false, screen: false },
};
const people = [peer(ids.me, 'Me', 1), peer(ids.ana, 'Ana', 2), peer(ids.bo, 'Bo', 3), server];

async function setup(hostId: string) {
  const made = renderWithStore(<ParticipantsPanel />);
  await act(() => made.store.getState().join('brave-otter-42'));
  act(() => {
    made.session().emit('statusChanged', { status: 'joined' });
    made.session().emit('roomChanged', roomView(people, { settings: settings({ hostId }) }));
  });
  return made;
}

const row = (name: string) =>
  within(screen.getByRole('list', { name: 'People in the room' }))
    .getAllByRole('listitem')
    .find((li) => li.querySelector('bdi')?.textContent === name) as HTMLElement;

describe('ParticipantsPanel', () => {
  it('[P15] marks the host', async () => {
    await setup(ids.ana);
    expect(within(row('Ana')).getByText('Host')).toBeInTheDocument();
    expect(within(row('Me')).queryByText('Host')).toBeNull();
  });

  it('[P15] gives the host Remove and Make host for each other person, not for themselves', async () => {
    const { session } = await setup(ids.me);
    expect(within(row('Me')).queryByRole('button')).toBeNull();
    await userEvent.click(within(row('Ana')).getByRole('button', { name: 'Remove Ana' }));
    expect(session().removePeer).toHaveBeenCalledWith(ids.ana);
    await userEvent.click(within(row('Bo')).getByRole('button', { name: 'Make Bo host' }));
    expect(session().transferHost).toHaveBeenCalledWith(ids.bo);
  });

  it('[P24] lists a media hub for what it does, never as muted, and offers the host nothing for it', async () => {
    await setup(ids.me);
    const hub = row('Server');
    expect(
      within(hub).getByText('media hub: forwards video without decoding it'),
    ).toBeInTheDocument();
    expect(within(hub).queryByText(/muted|camera off/)).toBeNull();
    expect(within(hub).queryByRole('button')).toBeNull();
  });

  it('[P15] shows no host actions to anyone else', async () => {
    await setup(ids.ana);
    expect(screen.queryByRole('button', { name: /Remove|Make .* host/ })).toBeNull();
  });

  it('[P15] announces a refusal with what its code means, and the list stays as the server says', async () => {
    const { session, store } = await setup(ids.me);
    session().removePeer.mockRejectedValueOnce({ code: 'ERR_NOT_HOST' });
    await userEvent.click(screen.getByRole('button', { name: 'Remove Ana' }));
    await waitFor(() =>
      expect(store.getState().announcements.at(-1)?.text).toBe(
        `${isolate('Ana')} could not be removed: Only the host can do that.`,
      ),
    );
    expect(row('Ana')).toBeInTheDocument();
  });

  it('isolates each name: an override inside it cannot pull "(you)" or "Host" into it', async () => {
    const made = renderWithStore(<ParticipantsPanel />);
    await act(() => made.store.getState().join('brave-otter-42'));
    const evil = '\u202Egnp.exe';
    act(() =>
      made
        .session()
        .emit(
          'roomChanged',
          roomView([peer(ids.me, evil, 1), peer(ids.ana, 'Ana', 2)], { settings: settings() }),
        ),
    );
    const name = row(evil).querySelector('.person-name');
    expect(name?.querySelector('bdi')?.textContent).toBe(evil);
    expect(name?.textContent).toBe(`${evil} (you)Host`);
  });
});
