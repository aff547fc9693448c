import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { RecordButton } from '../../components/recording/RecordButton';
import { RecordingIndicator } from '../../components/recording/RecordingIndicator';
import { en } from '../../i18n/en';

const S = en.recording;

import { isolate } from '../../format/bidi';
import type { RecordingFrame } from '../../recording/frame';
import type { CallRecording, RecordedFile, StartRecording } from '../../recording/types';
import { RecordingError } from '../../recording/types';
import { fakeStream, fakeTrack, ids, peer, roomView } from '../../test/fakes';
import { joinedStore, renderWithStore } from '../../test/render';

const people = [peer(ids.me, 'Me', 1), peer(ids.ana, 'Ana', 2), peer(ids.bo, 'Bo', 3)];

/** A recorder that keeps the frame source it was given and finishes when stopped. */
function fakeRecorder() {
  const made: { source: () => RecordingFrame | null; recording: CallRecording }[] = [];
  const start = vi.fn<StartRecording>(async (source) => {
    let resolve: (file: RecordedFile) => void = () => {};
    const finished = new Promise<RecordedFile>((r) => {
      resolve = r;
    });
    const recording: CallRecording = {
      stop: vi.fn(() =>
        resolve({ blob: new Blob(['webm']), mimeType: 'video/webm', durationMs: 3000 }),
      ),
      finished,
    };
    made.push({ source, recording });
    return recording;
  });
  return { start, made };
}

const texts = (store: { getState(): { announcements: readonly { text: string }[] } }) =>
  store.getState().announcements.map((a) => a.text);

describe('[P29] recording in the store', () => {
  it('[P29] tells the room before recording, records the grid, and saves the file on stop', async () => {
    const recorder = fakeRecorder();
    const saveFile = vi.fn();
    const { store, session } = await joinedStore({ deps: { recorder: recorder.start, saveFile } });
    session.emit('roomChanged', roomView(people));
    const order: string[] = [];
    session.setRecording.mockImplementation(async (on: boolean) => {
      order.push(`room:${on}`);
    });
    recorder.start.mockImplementationOnce(async (source) => {
      order.push('recorder');
      return fakeRecorder().start(source);
    });
    await store.getState().startRecording();
    expect(order).toEqual(['room:true', 'recorder']);
    expect(store.getState().recording).toBe('recording');
    expect(texts(store)).toContain(S.youStarted);
    await store.getState().stopRecording();
    expect(store.getState().recording).toBe('idle');
    expect(session.setRecording).toHaveBeenLastCalledWith(false);
    expect(saveFile).toHaveBeenCalledTimes(1);
    const [blob, name] = saveFile.mock.calls[0] as [Blob, string];
    expect(blob.size).toBe(4);
    expect(name).toMatch(/^meshwork-brave-otter-42-\d{4}-\d\d-\d\d-\d{6}\.webm$/);
  });

  it('[P29] the recorded frame follows the room: tiles come and go, the mic mix follows mute', async () => {
    const recorder = fakeRecorder();
    const { store, session } = await joinedStore({ deps: { recorder: recorder.start } });
    session.emit('roomChanged', roomView(people));
    await store.getState().startRecording();
    const source = recorder.made[0]?.source;
    if (!source) throw new Error('no recording');
    const first = source();
    expect(first?.tiles.map((t) => t.caption)).toEqual(['Me (you)', 'Ana', 'Bo']);
    // Ana's camera arrives with her sound; Bo turns his camera off; Cy joins.
    const anaAudio = fakeTrack('audio');
    const stream = fakeStream([fakeTrack('video'), anaAudio]);
    session.emit('remoteStreamChanged', {
      origin: ids.ana,
      key: 'cam',
      stream,
      route: { origin: ids.ana, path: [ids.ana, ids.me], hops: 1 },
    } as never);
    session.emit(
      'roomChanged',
      roomView([
        people[0] as never,
        people[1] as never,
        peer(ids.bo, 'Bo', 3, { media: { audio: false, video: false, screen: false } }),
        peer(ids.cy, 'Cy', 4),
      ]),
    );
    const next = source();
    expect(next?.tiles.map((t) => t.caption)).toEqual(['Me (you)', 'Ana', 'Bo', 'Cy']);
    expect(next?.tiles[1]).toMatchObject({ stream, showVideo: true });
    expect(next?.tiles[2]).toMatchObject({ showVideo: false, cameraOff: true, micOff: true });
    expect(next?.tiles[2]?.initials).toBe('B');
    expect(next?.audio).toContain(anaAudio);
    const mine = store.getState().local.stream?.getAudioTracks()[0];
    expect(mine && next?.audio.includes(mine)).toBe(true);
    await store.getState().setMicrophone(false);
    expect(mine && source()?.audio.includes(mine)).toBe(false);
    // Bo leaves: his tile goes from the recording.
    session.emit('roomChanged', roomView([people[0] as never, people[1] as never]));
    expect(source()?.tiles.map((t) => t.caption)).toEqual(['Me (you)', 'Ana']);
    store.getState().pin(next?.tiles[1]?.id ?? null);
    expect(source()?.pinned).toBe(1);
  });

  it('[P29] a refused start records nothing and says why', async () => {
    const recorder = fakeRecorder();
    const { store, session } = await joinedStore({ deps: { recorder: recorder.start } });
    session.setRecording.mockRejectedValueOnce({ code: 'ERR_RATE_LIMITED' });
    await store.getState().startRecording();
    expect(recorder.start).not.toHaveBeenCalled();
    expect(store.getState().recording).toBe('idle');
    expect(texts(store)).toContain(S.tooFast);
  });

  it('[P29] a browser that cannot record takes the indicator back down', async () => {
    const start = vi.fn<StartRecording>(async () => {
      throw new RecordingError('ERR_RECORDING_UNSUPPORTED', 'no MediaRecorder');
    });
    const { store, session } = await joinedStore({ deps: { recorder: start } });
    await store.getState().startRecording();
    expect(session.setRecording.mock.calls).toEqual([[true], [false]]);
    expect(store.getState().recording).toBe('idle');
    expect(texts(store)).toContain(S.unsupported);
  });

  it('[P29] leaving stops the recording and saves it first; the call ending stops it too', async () => {
    const recorder = fakeRecorder();
    const saveFile = vi.fn();
    const { store } = await joinedStore({ deps: { recorder: recorder.start, saveFile } });
    await store.getState().startRecording();
    await store.getState().leave();
    expect(recorder.made[0]?.recording.stop).toHaveBeenCalled();
    expect(saveFile).toHaveBeenCalledTimes(1);
    // Once the call is over the frame source gives nothing, so the recorder stops by itself.
    expect(recorder.made[0]?.source()).toBeNull();
  });

  it('[P29] keeps who records in order, announces others starting and stopping', async () => {
    const { store, session } = await joinedStore();
    session.emit('roomChanged', roomView(people));
    session.emit('recordingChanged', { recorders: [ids.bo] });
    session.emit('recordingChanged', { recorders: [ids.bo, ids.me, ids.ana, 'peer-unknown-9'] });
    expect(store.getState().recorders).toEqual([ids.bo, ids.me, ids.ana]);
    session.emit('recordingChanged', { recorders: [ids.me, ids.ana] });
    const said = texts(store).filter((t) => t.includes('recording'));
    expect(said).toEqual([
      `${isolate('Bo')} started recording`,
      `${isolate('Ana')} started recording`,
      `${isolate('Bo')} stopped recording`,
    ]);
    session.emit('statusChanged', { status: 'left' });
    expect(store.getState().recorders).toEqual([]);
  });

  it('[P29] the header shows who records; the button starts and stops', async () => {
    const recorder = fakeRecorder();
    const made = renderWithStore(
      <>
        <RecordingIndicator />
        <RecordButton />
      </>,
      { deps: { recorder: recorder.start } },
    );
    await act(() => made.store.getState().join('brave-otter-42'));
    act(() => {
      made.session().emit('statusChanged', { status: 'joined' });
      made.session().emit('roomChanged', roomView(people));
    });
    expect(screen.queryByText(S.indicator, { exact: false })).toBeNull();
    act(() => made.session().emit('recordingChanged', { recorders: [ids.ana, ids.me] }));
    expect(screen.getByText(/Recording ·/).textContent).toBe('Recording · Ana, you');
    await userEvent.click(screen.getByRole('button', { name: S.record }));
    expect(made.session().setRecording).toHaveBeenCalledWith(true);
    await userEvent.click(screen.getByRole('button', { name: S.stopRecording }));
    expect(recorder.made[0]?.recording.stop).toHaveBeenCalled();
    expect(screen.getByRole('button', { name: S.record })).toBeTruthy();
    act(() => made.session().emit('recordingChanged', { recorders: [] }));
    expect(screen.queryByText(/Recording ·/)).toBeNull();
  });
});
