import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeStream, fakeTrack, ids, peer, roomView } from '../../test/fakes';
import { renderWithStore, wholeText } from '../../test/render';
import { TileGrid } from './TileGrid';

async function setup() {
  const made = renderWithStore(<TileGrid />);
  const { store } = made;
  store.getState().setDisplayName('Me');
  await act(() => store.getState().startPreview());
  await act(() => store.getState().join('brave-otter-42'));
  const session = made.session();
  act(() => {
    session.emit('statusChanged', { status: 'joined' });
    session.emit(
      'roomChanged',
      roomView([
        peer(ids.me, 'Me', 1),
        peer(ids.ana, 'Ana', 2),
        peer(ids.bo, 'Bo', 3, { media: { audio: false, video: true, screen: false } }),
      ]),
    );
  });
  return { ...made, session };
}

describe('TileGrid and Tile', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('shows a tile per participant, self included, named by the participant', async () => {
    await setup();
    expect(screen.getAllByRole('figure').map((f) => f.getAttribute('aria-label'))).toEqual([
      'Me',
      'Ana',
      'Bo',
    ]);
    expect(
      within(screen.getByRole('figure', { name: 'Bo' })).getByRole('img', {
        name: 'Microphone off',
      }),
    ).toBeInTheDocument();
  });

  it('[P22] a person the server cannot reach shows reconnecting, not their last frame', async () => {
    const { session } = await setup();
    act(() => {
      session.emit('remoteStreamChanged', {
        origin: ids.ana,
        key: 'cam',
        stream: fakeStream([fakeTrack('video')]),
        route: { path: [ids.ana, ids.me], hops: 1 },
      });
    });
    const ana = () => screen.getByRole('figure', { name: 'Ana' });
    expect(ana().querySelector('video')?.className).not.toContain('tile-video-hidden');
    expect(within(ana()).queryByText('Reconnecting…')).toBeNull();
    act(() => {
      session.emit(
        'roomChanged',
        roomView([
          peer(ids.me, 'Me', 1),
          peer(ids.ana, 'Ana', 2, { connected: false }),
          peer(ids.bo, 'Bo', 3, { media: { audio: false, video: true, screen: false } }),
        ]),
      );
    });
    expect(within(ana()).getByText('Reconnecting…')).toBeInTheDocument();
    expect(ana().querySelector('video')?.className).toContain('tile-video-hidden');
  });

  it('labels the route the video takes: direct, via a relay, or a hop count', async () => {
    const { session } = await setup();
    act(() => {
      session.emit('remoteStreamChanged', {
        origin: ids.ana,
        key: 'cam',
        stream: fakeStream([fakeTrack('video')]),
        route: { path: [ids.ana, ids.me], hops: 1 },
      });
      session.emit('remoteStreamChanged', {
        origin: ids.bo,
        key: 'cam',
        stream: fakeStream([fakeTrack('video')]),
        route: { path: [ids.bo, ids.ana, ids.me], hops: 2 },
      });
    });
    expect(
      within(screen.getByRole('figure', { name: 'Ana' })).getByText('direct'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('figure', { name: 'Bo' })).getByText(wholeText('via Ana · 2 hops')),
    ).toBeInTheDocument();
  });

  it('keeps the same <video> element when a topology switch brings the stream by a new route', async () => {
    const { session, container } = await setup();
    const first = fakeStream([fakeTrack('video')]);
    act(() =>
      session.emit('remoteStreamChanged', {
        origin: ids.ana,
        key: 'cam',
        stream: first,
        route: { path: [ids.ana, ids.me], hops: 1 },
      }),
    );
    const video = container.querySelector(
      '[data-origin="peer-ana-00002"] video',
    ) as HTMLVideoElement;
    expect(video.srcObject).toBe(first);
    const second = fakeStream([fakeTrack('video')]);
    act(() =>
      session.emit('remoteStreamChanged', {
        origin: ids.ana,
        key: 'cam',
        stream: second,
        route: { path: [ids.ana, ids.bo, ids.me], hops: 2 },
      }),
    );
    const after = container.querySelector('[data-origin="peer-ana-00002"] video');
    expect(after).toBe(video);
    expect(video.srcObject).toBe(second);
    expect(
      within(screen.getByRole('figure', { name: 'Ana' })).getByText(wholeText('via Bo · 2 hops')),
    ).toBeInTheDocument();
  });

  it('highlights the active speaker and pins a tile', async () => {
    const { store } = await setup();
    act(() => store.getState().setActiveSpeaker(ids.ana));
    expect(screen.getByRole('figure', { name: 'Ana' })).toHaveClass('tile-speaking');
    await userEvent.click(screen.getByRole('button', { name: 'Pin Bo' }));
    expect(screen.getByRole('figure', { name: 'Bo' })).toHaveClass('tile-pinned');
    expect(screen.getByRole('button', { name: 'Unpin Bo' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('renders names as text, never HTML', async () => {
    const { session } = await setup();
    act(() =>
      session.emit(
        'roomChanged',
        roomView([peer(ids.me, 'Me', 1), peer(ids.ana, '<img src=x onerror=alert(1)>', 2)]),
      ),
    );
    expect(
      screen.getByRole('figure', { name: '<img src=x onerror=alert(1)>' }),
    ).toBeInTheDocument();
    expect(document.querySelector('img')).toBeNull();
  });

  it('sizes tiles to the measured area, and lets a pinned tile take the stage instead', async () => {
    let report: ((entries: { contentRect: { width: number; height: number } }[]) => void) | null =
      null;
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(callback: typeof report) {
          report = callback;
        }
        observe() {}
        disconnect() {}
      },
    );
    await setup();
    const grid = screen.getByRole('region', { name: "Participants' video" });
    // Beside the participants panel at 1100x700: two columns, rows as tall as the tiles.
    act(() => report?.([{ contentRect: { width: 742, height: 575 } }]));
    expect(grid.style.getPropertyValue('--cols')).toBe('2');
    expect(grid.style.getPropertyValue('--tile-w')).toBe('366px');
    // A phone: one column.
    act(() => report?.([{ contentRect: { width: 358, height: 606 } }]));
    expect(grid.style.getPropertyValue('--cols')).toBe('1');
    expect(grid.style.getPropertyValue('--tile-w')).toBe('348px');

    await userEvent.click(screen.getByRole('button', { name: 'Pin Ana' }));
    expect(grid).toHaveClass('grid-pinned');
    expect(grid.style.getPropertyValue('--tile-w')).toBe('');
    expect(grid.style.getPropertyValue('--others')).toBe('2');
  });
});

describe('TileGrid under hostile or broken values', () => {
  it('a tile that throws shows a small note and leaves the other tiles on screen', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { session } = await setup();
    act(() =>
      session.emit(
        'roomChanged',
        roomView([
          peer(ids.me, 'Me', 1),
          peer(ids.ana, 'Ana', 2),
          // Not a string: the camera-off avatar cannot take initials of it, so that tile throws.
          peer(ids.bo, 42 as unknown as string, 3, {
            media: { audio: true, video: false, screen: false },
          }),
          peer(ids.cy, 'Cy', 4),
        ]),
      ),
    );
    expect(screen.getAllByRole('figure').map((f) => f.getAttribute('aria-label'))).toEqual([
      'Me',
      'Ana',
      'Cy',
    ]);
    expect(screen.getByText("Couldn't show this tile.")).toBeInTheDocument();
    // The rest keeps working.
    await userEvent.click(screen.getByRole('button', { name: 'Pin Cy' }));
    expect(screen.getByRole('figure', { name: 'Cy' })).toHaveClass('tile-pinned');
  });

  it('isolates a right-to-left override in a name, so it cannot reorder the text around it', async () => {
    const { session } = await setup();
    const evil = '\u202Eevil\u202D';
    act(() =>
      session.emit('roomChanged', roomView([peer(ids.me, evil, 1), peer(ids.ana, 'Ana', 2)])),
    );
    const caption = screen.getByRole('figure', { name: evil }).querySelector('.tile-name');
    const bdi = caption?.querySelector('bdi');
    // The name alone is inside the isolate; " (you)" stays outside it, in the caption's order.
    expect(bdi?.textContent).toBe(evil);
    expect(caption?.textContent).toBe(`${evil} (you)`);
    expect(caption?.lastChild?.textContent).toBe(' (you)');
  });

  it("says when a person's browser cannot be reached: a failed link and no video", async () => {
    const { session } = await setup();
    const bo = screen.getByRole('figure', { name: 'Bo' });
    expect(within(bo).queryByText(/Can't connect/)).toBeNull();
    act(() => session.emit('linkStateChanged', { peer: ids.bo, status: 'failed' }));
    // The plan then closes the failed link; the tile keeps saying why it is empty.
    act(() => session.emit('linkStateChanged', { peer: ids.bo, status: 'closed' }));
    expect(within(bo).getByRole('status').textContent).toBe("Can't connect to Bo's browser");
    expect(
      within(screen.getByRole('figure', { name: 'Ana' })).queryByText(/Can't connect/),
    ).toBeNull();
    // A new link life to Bo is a new try: the notice goes.
    act(() => session.emit('linkStateChanged', { peer: ids.bo, status: 'connecting' }));
    expect(within(bo).queryByText(/Can't connect/)).toBeNull();
  });

  it('also when the far end reported the link failed (the room link table)', async () => {
    const { session } = await setup();
    act(() =>
      session.emit(
        'roomChanged',
        roomView([peer(ids.me, 'Me', 1), peer(ids.ana, 'Ana', 2)], {
          links: [{ a: ids.ana, b: ids.me, state: 'failed', rttMs: null }],
        }),
      ),
    );
    const ana = screen.getByRole('figure', { name: 'Ana' });
    expect(within(ana).getByRole('status').textContent).toBe("Can't connect to Ana's browser");
  });
});
