import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { MAX_DATE_MS, NO_TIME } from '../../format/time';
import { ids, peer, roomView } from '../../test/fakes';
import { renderWithStore } from '../../test/render';
import { ChatPanel } from './ChatPanel';

async function setup() {
  const made = renderWithStore(<ChatPanel />);
  await act(() => made.store.getState().join('brave-otter-42'));
  const session = made.session();
  act(() => {
    session.emit('statusChanged', { status: 'joined' });
    session.emit('roomChanged', roomView([peer(ids.me, 'Me', 1), peer(ids.ana, 'Ana', 2)]));
  });
  return { ...made, session };
}

const chat = (n: number, sentAt: number, text: unknown = `message ${n}`) => ({
  id: `${ids.ana}:${n}`,
  origin: ids.ana,
  text: text as string,
  sentAt,
});

describe('ChatPanel', () => {
  it('[P14] a row with sentAt past what a Date holds, or NaN, renders without breaking the list', async () => {
    const { session } = await setup();
    act(() => {
      session.emit('chatReceived', chat(1, Date.UTC(2026, 0, 1, 9, 30)));
      session.emit('chatReceived', chat(2, MAX_DATE_MS + 1));
      session.emit('chatReceived', chat(3, Number.NaN));
      session.emit('chatReceived', chat(4, Date.UTC(2026, 0, 1, 9, 31)));
    });
    const rows = within(screen.getByRole('list', { name: 'Messages' })).getAllByRole('listitem');
    expect(rows.slice(0, 4).map((r) => r.querySelector('.chat-text')?.textContent)).toEqual([
      'message 1',
      'message 2',
      'message 3',
      'message 4',
    ]);
    const times = rows.slice(0, 4).map((r) => r.querySelector('time'));
    expect(times[1]?.textContent).toBe(NO_TIME);
    expect(times[1]).not.toHaveAttribute('datetime');
    expect(times[2]?.textContent).toBe(NO_TIME);
    expect(times[0]?.getAttribute('datetime')).toBe('2026-01-01T09:30:00.000Z');
  });

  it('a row that throws shows a small note; the other messages and the box keep working', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { session } = await setup();
    act(() => {
      session.emit('chatReceived', chat(1, 1));
      // An object is not a valid React child: this row throws while rendering.
      session.emit('chatReceived', chat(2, 2, { not: 'text' }));
      session.emit('chatReceived', chat(3, 3));
    });
    expect(screen.getByText("Couldn't show this message.")).toBeInTheDocument();
    expect(screen.getByText('message 1')).toBeInTheDocument();
    expect(screen.getByText('message 3')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Message'), 'still here');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('still here')).toBeInTheDocument();
    expect(session.sendChat).toHaveBeenCalledWith('still here');
  });

  it("isolates the author's name from the time beside it", async () => {
    const { session } = await setup();
    const evil = 'Ana\u202E';
    act(() => {
      session.emit('roomChanged', roomView([peer(ids.me, 'Me', 1), peer(ids.ana, evil, 2)]));
      session.emit('chatReceived', chat(1, 1));
    });
    const meta = screen.getByText('message 1').closest('li')?.querySelector('.chat-meta');
    expect(meta?.querySelector('bdi')?.textContent).toBe(evil);
    expect(meta?.querySelector('bdi')?.contains(meta.querySelector('time'))).toBe(false);
  });
});
