import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { CaptureResult } from '../../media/types';
import { fakeMedia, fakeTrack } from '../../test/fakes';
import { renderWithStore } from '../../test/render';
import { PreJoin } from './PreJoin';

describe('PreJoin', () => {
  it('fills in the remembered name and remembers a new one', async () => {
    window.localStorage.setItem('meshwork.displayName', 'Ana');
    renderWithStore(<PreJoin roomId="brave-otter-42" />);
    const name = screen.getByLabelText('Your name');
    expect(name).toHaveValue('Ana');
    await userEvent.clear(name);
    await userEvent.type(name, 'Bo');
    expect(window.localStorage.getItem('meshwork.displayName')).toBe('Bo');
  });

  it('explains a denied camera and still lets the person join with the microphone', async () => {
    const media = fakeMedia({
      capture: vi.fn(
        async (): Promise<CaptureResult> => ({
          audio: fakeTrack('audio'),
          video: null,
          problems: { audio: null, video: 'denied' },
        }),
      ),
    });
    window.localStorage.setItem('meshwork.displayName', 'Ana');
    const { session } = renderWithStore(<PreJoin roomId="brave-otter-42" />, { media });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /permission to use the camera was denied.*join without it/i,
    );
    expect(screen.getByRole('button', { name: 'Turn camera on' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Join' }));
    expect(session().join).toHaveBeenCalledWith(
      expect.objectContaining({ media: { audio: true, video: false, screen: false } }),
    );
  });

  it('says when no camera or microphone exists', async () => {
    const media = fakeMedia({
      capture: vi.fn(
        async (): Promise<CaptureResult> => ({
          audio: null,
          video: null,
          problems: { audio: 'not-found', video: 'not-found' },
        }),
      ),
    });
    renderWithStore(<PreJoin roomId="brave-otter-42" />, { media });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('No camera was found');
    expect(alert).toHaveTextContent('No microphone was found');
  });

  it('joins with the camera off: the track is stopped and the room is told video is off', async () => {
    window.localStorage.setItem('meshwork.displayName', 'Ana');
    const { store, session } = renderWithStore(<PreJoin roomId="brave-otter-42" />);
    const camOff = await screen.findByRole('button', { name: 'Turn camera off' });
    await waitFor(() => expect(store.getState().local.stream).not.toBeNull());
    const [video] = store.getState().local.stream?.getVideoTracks() ?? [];
    await userEvent.click(camOff);
    expect(video?.stop).toHaveBeenCalled();
    expect(screen.getByText('Camera is off')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Join' }));
    expect(session().join).toHaveBeenCalledWith(
      expect.objectContaining({
        roomId: 'brave-otter-42',
        displayName: 'Ana',
        media: { audio: true, video: false, screen: false },
      }),
    );
    const handed = session().setLocalStream.mock.calls.find(([key]) => key === 'cam')?.[1];
    expect(handed?.getVideoTracks()).toHaveLength(0);
  });

  it('does not join without a name', async () => {
    renderWithStore(<PreJoin roomId="brave-otter-42" />);
    expect(screen.getByRole('button', { name: 'Join' })).toBeDisabled();
  });

  it('shows a password field after ERR_AUTH_FAILED and sends the password', async () => {
    window.localStorage.setItem('meshwork.displayName', 'Ana');
    const refusal = Object.assign(new Error('wrong'), { code: 'ERR_AUTH_FAILED' });
    const { session } = renderWithStore(<PreJoin roomId="brave-otter-42" />, {
      configure: (s, n) => {
        if (n === 0) s.join.mockRejectedValueOnce(refusal);
      },
    });
    expect(screen.queryByLabelText('Room password')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Join' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong password');
    await userEvent.type(screen.getByLabelText('Room password'), 'sesame');
    await userEvent.click(screen.getByRole('button', { name: 'Join' }));
    expect(session().join).toHaveBeenCalledWith(expect.objectContaining({ password: 'sesame' }));
  });

  it('says when the room is full', async () => {
    window.localStorage.setItem('meshwork.displayName', 'Ana');
    renderWithStore(<PreJoin roomId="brave-otter-42" />, {
      configure: (s) => s.join.mockRejectedValueOnce({ code: 'ERR_ROOM_FULL' }),
    });
    await userEvent.click(screen.getByRole('button', { name: 'Join' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This room is full');
  });

  it('lists cameras to choose from once the browser names them', async () => {
    const { store } = renderWithStore(<PreJoin roomId="brave-otter-42" />);
    const camera = await screen.findByLabelText('Camera');
    await userEvent.selectOptions(camera, 'cam-2');
    expect(store.getState().local.videoDeviceId).toBe('cam-2');
  });
});
