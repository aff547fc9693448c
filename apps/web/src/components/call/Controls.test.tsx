import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ids, peer, roomView } from '../../test/fakes';
import { renderWithStore } from '../../test/render';
import { Controls } from './Controls';

async function inCall(copyText = vi.fn(async () => {})) {
  const made = renderWithStore(<Controls />, {
    deps: { copyText, inviteUrl: (room) => `http://localhost:5173/r/${room}` },
  });
  const { store } = made;
  store.getState().setDisplayName('Me');
  await store.getState().startPreview();
  await store.getState().join('brave-otter-42');
  made.session().emit('statusChanged', { status: 'joined' });
  made.session().emit('roomChanged', roomView([peer(ids.me, 'Me', 1)]));
  return { ...made, copyText };
}

describe('Controls', () => {
  it('names every control by what it does', async () => {
    await inCall();
    const names = screen.getAllByRole('button').map((b) => b.getAttribute('aria-label'));
    expect(names).toEqual([
      'Mute microphone',
      'Turn camera off',
      'Share screen',
      'Raise hand',
      'React: Thumbs up',
      'React: Clap',
      'React: Laugh',
      'React: Heart',
      'React: Surprised',
      'Record',
      'Open chat',
      'Send a file',
      'Participants',
      'Settings',
      'Copy invite link',
      'Leave',
    ]);
    expect(screen.getByRole('navigation', { name: 'Call controls' })).toBeInTheDocument();
  });

  it('mutes and unmutes the microphone through the store, and the name follows', async () => {
    const { store, session } = await inCall();
    await userEvent.click(screen.getByRole('button', { name: 'Mute microphone' }));
    expect(store.getState().local.audio).toBe(false);
    expect(session().updateMedia).toHaveBeenLastCalledWith({ audio: false });
    await userEvent.click(screen.getByRole('button', { name: 'Unmute microphone' }));
    expect(store.getState().local.audio).toBe(true);
    expect(session().updateMedia).toHaveBeenLastCalledWith({ audio: true });
  });

  it('turns the camera off and on', async () => {
    const { store, media } = await inCall();
    await userEvent.click(screen.getByRole('button', { name: 'Turn camera off' }));
    expect(store.getState().local.video).toBe(false);
    await userEvent.click(screen.getByRole('button', { name: 'Turn camera on' }));
    expect(media.capture).toHaveBeenLastCalledWith({ audio: false, video: true });
    expect(store.getState().local.stream?.getVideoTracks()).toHaveLength(1);
  });

  it('shares the screen and stops sharing it', async () => {
    const { session } = await inCall();
    await userEvent.click(screen.getByRole('button', { name: 'Share screen' }));
    expect(session().setLocalStream).toHaveBeenLastCalledWith('screen', expect.anything());
    await userEvent.click(screen.getByRole('button', { name: 'Stop sharing screen' }));
    expect(session().setLocalStream).toHaveBeenLastCalledWith('screen', null);
  });

  it('opens panels and settings, copies the invite link and leaves', async () => {
    const { store, session, copyText } = await inCall();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Open chat' }));
    expect(store.getState().panel).toBe('chat');
    expect(screen.getByRole('button', { name: 'Close chat' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    expect(store.getState().settingsOpen).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Copy invite link' }));
    expect(copyText).toHaveBeenCalledWith('http://localhost:5173/r/brave-otter-42');
    await user.click(screen.getByRole('button', { name: 'Leave' }));
    expect(session().leave).toHaveBeenCalled();
    await waitFor(() => expect(store.getState().status).toBe('left'));
  });

  it('is reachable by keyboard', async () => {
    await inCall();
    const user = userEvent.setup();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Mute microphone' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('button', { name: 'Unmute microphone' })).toBeInTheDocument();
  });
});
