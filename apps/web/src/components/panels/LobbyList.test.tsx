import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { isolate } from '../../format/bidi';
import { ids, peer, roomView, settings } from '../../test/fakes';
import { renderWithStore } from '../../test/render';
import { ParticipantsPanel } from './ParticipantsPanel';

const people = [peer(ids.me, 'Me', 1), peer(ids.ana, 'Ana', 2)];
const zoe = { id: 'waiter-zoe-1', displayName: 'Zoe', since: 10 };
const yan = { id: 'waiter-yan-2', displayName: 'Yan', since: 20 };

async function setup(hostId: string) {
  const made = renderWithStore(<ParticipantsPanel />);
  await act(() => made.store.getState().join('brave-otter-42'));
  act(() => {
    made.session().emit('statusChanged', { status: 'joined' });
    made.session().emit('roomChanged', roomView(people, { settings: settings({ hostId }) }));
  });
  return made;
}

const waiting = () => screen.queryByRole('list', { name: 'Waiting to join' });

describe('[P25] lobby in the people panel', () => {
  it('[P25] lists waiters in the order they asked; the host lets one in and turns one away', async () => {
    const { session, store } = await setup(ids.me);
    expect(waiting()).toBeNull();
    act(() => session().emit('lobbyChanged', { waiting: [zoe, yan] }));
    const names = within(waiting() as HTMLElement)
      .getAllByRole('listitem')
      .map((li) => li.querySelector('bdi')?.textContent);
    expect(names).toEqual(['Zoe', 'Yan']);
    // The host hears of each newcomer once.
    const texts = () => store.getState().announcements.map((a) => a.text);
    expect(texts()).toEqual([
      `${isolate('Zoe')} is asking to join`,
      `${isolate('Yan')} is asking to join`,
    ]);
    act(() => session().emit('lobbyChanged', { waiting: [zoe, yan] }));
    expect(texts()).toHaveLength(2);
    await userEvent.click(screen.getByRole('button', { name: 'Let Zoe in' }));
    expect(session().answerLobby).toHaveBeenCalledWith(zoe.id, true);
    await userEvent.click(screen.getByRole('button', { name: 'Turn Yan away' }));
    expect(session().answerLobby).toHaveBeenCalledWith(yan.id, false);
    act(() => session().emit('lobbyChanged', { waiting: [] }));
    expect(waiting()).toBeNull();
  });

  it('[P25] others see who waits but cannot answer, and are not told of each newcomer', async () => {
    const { session, store } = await setup(ids.ana);
    act(() => session().emit('lobbyChanged', { waiting: [zoe] }));
    expect(within(waiting() as HTMLElement).getByText('waiting for the host')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Let .* in|Turn .* away/ })).toBeNull();
    expect(store.getState().announcements).toEqual([]);
  });

  it('[P25] a refused answer is announced with what its code means', async () => {
    const { session, store } = await setup(ids.me);
    act(() => session().emit('lobbyChanged', { waiting: [zoe] }));
    session().answerLobby.mockRejectedValueOnce({ code: 'ERR_UNKNOWN_PEER' });
    await userEvent.click(screen.getByRole('button', { name: 'Let Zoe in' }));
    await waitFor(() =>
      expect(store.getState().announcements.at(-1)?.text).toBe(
        `${isolate('Zoe')} could not be let in: That person is no longer in the room.`,
      ),
    );
  });

  it('[P25] the list is dropped when the session ends', async () => {
    const { session, store } = await setup(ids.me);
    act(() => session().emit('lobbyChanged', { waiting: [zoe] }));
    act(() => session().emit('statusChanged', { status: 'left' }));
    expect(store.getState().lobby).toEqual([]);
  });
});
