import { describe, expect, it, vi } from 'vitest';
import type { CaptureResult } from '../../media/types';
import { fakeMedia, fakeTrack } from '../../test/fakes';
import { joinedStore, makeStore } from '../../test/render';

describe('media slice: camera, microphone and the session', () => {
  it('turns the camera off by stopping its track and handing the session a stream without it', async () => {
    const { store, session } = await joinedStore();
    const [video] = store.getState().local.stream?.getVideoTracks() ?? [];
    await store.getState().setCamera(false);
    expect(video?.stop).toHaveBeenCalled();
    const stream = store.getState().local.stream;
    expect(stream?.getVideoTracks()).toHaveLength(0);
    expect(session.setLocalStream).toHaveBeenLastCalledWith('cam', stream);
    expect(session.updateMedia).toHaveBeenLastCalledWith({ audio: true, video: false });
  });

  it('mutes by disabling the microphone track without renegotiating', async () => {
    const { store, session } = await joinedStore();
    const [audio] = store.getState().local.stream?.getAudioTracks() ?? [];
    session.setLocalStream.mockClear();
    await store.getState().setMicrophone(false);
    expect(audio?.enabled).toBe(false);
    expect(session.setLocalStream).not.toHaveBeenCalled();
    expect(session.updateMedia).toHaveBeenLastCalledWith({ audio: false });
  });

  it('hands the camera to the session when the browser grants it only after joining', async () => {
    let grant: (result: CaptureResult) => void = () => {};
    const media = fakeMedia({
      capture: vi.fn(() => new Promise<CaptureResult>((resolve) => (grant = resolve))),
    });
    const { store, session } = makeStore({ media });
    store.getState().setDisplayName('Me');
    const preview = store.getState().startPreview();
    await store.getState().join('brave-otter-42');
    session().emit('statusChanged', { status: 'joined' });
    expect(session().setLocalStream).not.toHaveBeenCalled();

    grant({
      audio: fakeTrack('audio'),
      video: fakeTrack('video'),
      problems: { audio: null, video: null },
    });
    await preview;
    const stream = store.getState().local.stream;
    expect(stream?.getTracks()).toHaveLength(2);
    expect(session().setLocalStream).toHaveBeenCalledWith('cam', stream);
    expect(session().updateMedia).toHaveBeenLastCalledWith({ audio: true, video: true });
  });
});
