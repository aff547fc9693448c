import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ReactionBar } from '../../components/call/ReactionBar';
import { TileMarks } from '../../components/call/TileMarks';
import { ParticipantsPanel } from '../../components/panels/ParticipantsPanel';
import { isolate } from '../../format/bidi';
import { ids, peer, roomView, settings } from '../../test/fakes';
import { joinedStore, renderWithStore } from '../../test/render';
import { MAX_REACTIONS } from './handsFeed';

const people = [peer(ids.me, 'Me', 1), peer(ids.ana, 'Ana', 2), peer(ids.bo, 'Bo', 3)];

describe('[P26] hands and reactions in the store', () => {
  it('[P26] keeps hands in the order raised and tells of others raising theirs', async () => {
    const { store, session } = await joinedStore();
    session.emit('roomChanged', roomView(people));
    session.emit('handsChanged', { hands: [ids.bo, ids.me] });
    session.emit('handsChanged', { hands: [ids.bo, ids.me, ids.ana] });
    expect(store.getState().hands).toEqual([ids.bo, ids.me, ids.ana]);
    const texts = store.getState().announcements.map((a) => a.text);
    expect(texts.filter((t) => t.endsWith('raised a hand'))).toEqual([
      `${isolate('Bo')} raised a hand`,
      `${isolate('Ana')} raised a hand`,
    ]);
  });

  it('[P26] shows only known reactions from people in the room, and keeps a bounded few', async () => {
    const { store, session } = await joinedStore();
    session.emit('roomChanged', roomView(people));
    session.emit('reacted', { peerId: ids.ana, reaction: 'clap', at: 1 });
    session.emit('reacted', { peerId: ids.ana, reaction: '<b>x</b>' as never, at: 2 });
    session.emit('reacted', { peerId: '__proto__', reaction: 'heart', at: 3 });
    session.emit('reacted', { peerId: ids.cy, reaction: 'heart', at: 4 });
    expect(store.getState().reactions).toEqual([{ id: 1, peer: ids.ana, reaction: 'clap' }]);
    for (let i = 0; i < MAX_REACTIONS + 5; i++) {
      session.emit('reacted', { peerId: ids.bo, reaction: 'laugh', at: 10 + i });
    }
    const kept = store.getState().reactions;
    expect(kept).toHaveLength(MAX_REACTIONS);
    expect(kept.at(-1)?.id).toBe(MAX_REACTIONS + 6);
  });

  it('[P26] the people panel lists raised hands first, in order; the host lowers one', async () => {
    const made = renderWithStore(<ParticipantsPanel />);
    await act(() => made.store.getState().join('brave-otter-42'));
    act(() => {
      made.session().emit('statusChanged', { status: 'joined' });
      made
        .session()
        .emit('roomChanged', roomView(people, { settings: settings({ hostId: ids.me }) }));
      made.session().emit('handsChanged', { hands: [ids.bo, ids.ana] });
    });
    const rows = within(screen.getByRole('list', { name: 'People in the room' })).getAllByRole(
      'listitem',
    );
    expect(rows.map((li) => li.querySelector('bdi')?.textContent)).toEqual(['Bo', 'Ana', 'Me']);
    expect(
      within(rows[0] as HTMLElement).getByRole('img', { name: 'Hand raised (1 in line)' }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: "Lower Ana's hand" }));
    expect(made.session().lowerHand).toHaveBeenCalledWith(ids.ana);
  });

  it('[P26] the reaction bar raises and lowers the hand and sends reactions; a tile shows them', async () => {
    const made = renderWithStore(
      <>
        <ReactionBar />
        <TileMarks origin={ids.ana} />
      </>,
    );
    await act(() => made.store.getState().join('brave-otter-42'));
    act(() => {
      made.session().emit('statusChanged', { status: 'joined' });
      made.session().emit('roomChanged', roomView(people));
    });
    await userEvent.click(screen.getByRole('button', { name: 'Raise hand' }));
    expect(made.session().raiseHand).toHaveBeenCalledWith(true);
    act(() => made.session().emit('handsChanged', { hands: [ids.ana, ids.me] }));
    await userEvent.click(screen.getByRole('button', { name: 'Lower hand' }));
    expect(made.session().raiseHand).toHaveBeenLastCalledWith(false);
    expect(screen.getByRole('img', { name: 'Hand raised (1 in line)' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'React: Clap' }));
    expect(made.session().react).toHaveBeenCalledWith('clap');
    act(() => made.session().emit('reacted', { peerId: ids.ana, reaction: 'heart', at: 1 }));
    expect(screen.getByRole('img', { name: 'Reacted: Heart' })).toBeInTheDocument();
    made.session().react.mockRejectedValueOnce({ code: 'ERR_RATE_LIMITED' });
    await userEvent.click(screen.getByRole('button', { name: 'React: Laugh' }));
    await waitFor(() =>
      expect(made.store.getState().announcements.at(-1)?.text).toBe(
        'Too many reactions; wait a moment',
      ),
    );
  });
});
