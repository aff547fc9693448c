import { computeRoomPlan } from '@meshwork/mesh/plan';
import type { AutoChoice, Topology } from '@meshwork/protocol';
import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ids, peer, roomView, settings } from '../../test/fakes';
import { renderWithStore } from '../../test/render';
import { planPeers } from '../../topology/cost';
import { TopologyStatus } from './TopologyStatus';

const people = [peer(ids.me, 'Me', 1), peer(ids.ana, 'Ana', 2), peer(ids.bo, 'Bo', 3)];

async function show(topology: Topology, auto?: AutoChoice) {
  const made = renderWithStore(<TopologyStatus />);
  await act(() => made.store.getState().join('brave-otter-42'));
  const plan = computeRoomPlan(
    { topology, peers: planPeers(people), hubPreference: null, failedLinks: new Set() },
    1,
    new Map(),
  ).peers.get(ids.me);
  if (!plan) throw new Error('no plan');
  act(() => {
    made.session().emit(
      'roomChanged',
      roomView(people, {
        settings: settings(
          auto
            ? { topology: 'auto', auto, hubPreference: null }
            : { topology, hubPreference: null },
        ),
      }),
    );
    made.session().emit('planChanged', { plan, committed: true });
  });
  return made;
}

describe('TopologyStatus', () => {
  it('[P28] an automatic room says what the server picked and why', async () => {
    await show('star', {
      topology: 'star',
      reason: 'limited',
      limitedPeer: ids.bo,
      limit: 'cpu',
      hub: 'peer',
    });
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent(
      "Topology: Automatic · Star: 3 people, Bo's CPU limited (hub: Me)",
    );
    expect(status).toHaveAttribute('data-topology', 'star');
    expect(status).toHaveAttribute('data-setting', 'auto');
  });

  it('names the room topology, the hub, and what this person relays', async () => {
    await show('star');
    expect(screen.getByRole('status')).toHaveTextContent(
      "Topology: Star (hub: Me) · you relay 2 people's video",
    );
  });

  it('names a full mesh with nothing relayed', async () => {
    await show('mesh');
    expect(screen.getByRole('status')).toHaveTextContent(/^Topology: Full mesh$/);
  });

  it('shows a pending switch until the room runs it', async () => {
    const { store, session } = await show('mesh');
    await act(() => store.getState().setTopology('ring'));
    expect(session().setTopology).toHaveBeenCalledWith('ring');
    expect(store.getState().topologyRequest).toMatchObject({ topology: 'ring', pending: false });
    act(() =>
      session().emit(
        'roomChanged',
        roomView(people, { settings: settings({ topology: 'ring', hubPreference: null }) }),
      ),
    );
    expect(screen.getByRole('status')).toHaveTextContent(/^Topology: Ring/);
    expect(store.getState().topologyRequest).toBeNull();
  });
});
