import type { LinkStats } from '@meshwork/mesh/runtime';
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeStream, fakeTrack, ids, peer, roomView } from '../../test/fakes';
import { renderWithStore } from '../../test/render';
import { TileGrid } from './TileGrid';

function stats(peerId: string, patch: Partial<LinkStats> = {}): LinkStats {
  return {
    peer: peerId,
    status: 'connected',
    rttMs: 40,
    outboundKbps: 500,
    inboundKbps: 500,
    packetLoss: 0,
    framesDecoded: 10,
    candidateType: 'host',
    ...patch,
  };
}

async function call() {
  const made = renderWithStore(<TileGrid />);
  const { store } = made;
  store.getState().setDisplayName('Me');
  await act(() => store.getState().join('brave-otter-42'));
  const session = made.session();
  const people = [peer(ids.me, 'Me', 1), peer(ids.ana, 'Ana', 2), peer(ids.bo, 'Bo', 3)];
  act(() => {
    session.emit('statusChanged', { status: 'joined' });
    session.emit('roomChanged', roomView(people));
    for (const origin of [ids.ana, ids.bo]) {
      session.emit('remoteStreamChanged', {
        origin,
        key: 'cam',
        stream: fakeStream([fakeTrack('video')]),
        route: { path: [origin, ids.me], hops: 1 },
      });
    }
  });
  return { ...made, session, people };
}

const badgeOf = (name: string) =>
  within(screen.getByRole('figure', { name })).getByRole('img', { name: /connection/i });

describe('QualityBadge', () => {
  it('reads every tile from one stats subscription and shows the coarse level', async () => {
    const { session } = await call();
    expect(session.subscribeStats).toHaveBeenCalledTimes(1);
    expect(badgeOf('Ana')).toHaveAccessibleName('Connection quality unknown');

    act(() => session.pushStats([stats(ids.ana), stats(ids.bo, { packetLoss: 0.1 })]));
    expect(badgeOf('Ana')).toHaveAccessibleName('Good connection');
    expect(badgeOf('Bo')).toHaveAccessibleName('Poor connection');
    expect(badgeOf('Bo').getAttribute('title')).toBe('Poor connection (RTT 40 ms, loss 10%)');

    act(() => session.pushStats([stats(ids.ana, { rttMs: 250 }), stats(ids.bo)]));
    expect(badgeOf('Ana')).toHaveAccessibleName('Fair connection');
    expect(badgeOf('Bo')).toHaveAccessibleName('Good connection');
  });

  it("falls back to the room's link table while the session has no numbers", async () => {
    const { session, people } = await call();
    act(() =>
      session.emit(
        'roomChanged',
        roomView(people, { links: [{ a: ids.me, b: ids.ana, state: 'connected', rttMs: 450 }] }),
      ),
    );
    expect(badgeOf('Ana')).toHaveAccessibleName('Poor connection');
    expect(badgeOf('Bo')).toHaveAccessibleName('Connection quality unknown');
  });

  it('lets go of the stats subscription once no badge is on screen', async () => {
    const { session, unmount } = await call();
    expect(session.statsListeners.size).toBe(1);
    unmount();
    expect(session.statsListeners.size).toBe(0);
  });
});
