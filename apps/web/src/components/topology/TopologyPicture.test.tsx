import { computeRoomPlan } from '@meshwork/mesh/plan';
import { act } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { isolate } from '../../format/bidi';
import { ids, peer, roomView, settings } from '../../test/fakes';
import { renderWithStore } from '../../test/render';
import { planPeers } from '../../topology/cost';
import TopologyPicture from './TopologyPicture';

const people = [peer(ids.me, 'Me', 1), peer(ids.ana, 'Ana', 2), peer(ids.bo, 'Bo', 3)];

async function show(topology: 'mesh' | 'star' | 'ring') {
  const made = renderWithStore(<TopologyPicture />);
  await act(() => made.store.getState().join('brave-otter-42'));
  const plan = computeRoomPlan(
    { topology, peers: planPeers(people), hubPreference: ids.ana, failedLinks: new Set() },
    3,
    new Map(),
  ).peers.get(ids.me);
  if (!plan) throw new Error('no plan for self');
  act(() => {
    made.session().emit('statusChanged', { status: 'joined' });
    made.session().emit(
      'roomChanged',
      roomView(people, {
        settings: settings({ topology, hubPreference: ids.ana }),
        links: [
          { a: ids.me, b: ids.ana, state: 'connected', rttMs: 23.4 },
          { a: ids.ana, b: ids.bo, state: 'failed', rttMs: null },
        ],
      }),
    );
    made.session().emit('planChanged', { plan, committed: true });
  });
  return made;
}

describe('TopologyPicture', () => {
  it('draws a node per peer and an edge per link, coloured by state with RTT on hover', async () => {
    const { container } = await show('star');
    expect(container.querySelectorAll('[data-peer]')).toHaveLength(3);
    const edges = container.querySelectorAll('line');
    expect(edges).toHaveLength(2);
    const toAna = container.querySelector(`[data-link="${ids.me}|${ids.ana}"]`);
    expect(toAna).toHaveClass('edge-connected');
    expect(toAna?.querySelector('title')?.textContent).toBe(
      `${isolate('Me')} – ${isolate('Ana')}: connected, RTT 23 ms`,
    );
    expect(container.querySelector(`[data-link="${ids.ana}|${ids.bo}"]`)).toHaveClass(
      'edge-failed',
    );
  });

  it('marks the star hub as the relay that re-encodes the others', async () => {
    const { container } = await show('star');
    const hub = container.querySelector(`[data-peer="${ids.ana}"]`);
    expect(hub).toHaveClass('node-relay');
    expect(hub?.querySelector('title')?.textContent).toBe(
      `${isolate('Ana')} re-encodes video of ${isolate('Me')} and ${isolate('Bo')}`,
    );
    expect(container.querySelector(`[data-peer="${ids.me}"]`)).not.toHaveClass('node-relay');
  });

  it('marks no relay in a full mesh', async () => {
    const { container } = await show('mesh');
    expect(container.querySelectorAll('.node-relay')).toHaveLength(0);
    expect(container.querySelectorAll('line')).toHaveLength(3);
  });

  it("marks a failed link the plan dropped, and this page's own failed link, as failed", async () => {
    const made = await show('star');
    // Star with Ana as hub: Me and Bo are not linked; Me's link to Ana fails here.
    act(() => made.session().emit('linkStateChanged', { peer: ids.ana, status: 'failed' }));
    const toAna = made.container.querySelector(`[data-link="${ids.me}|${ids.ana}"]`);
    expect(toAna).toHaveClass('edge-failed');
    expect(toAna?.querySelector('title')?.textContent).toBe(
      `${isolate('Me')} – ${isolate('Ana')}: failed, can't connect`,
    );
    act(() =>
      made.session().emit(
        'roomChanged',
        roomView(people, {
          settings: settings({ topology: 'star', hubPreference: ids.ana }),
          links: [{ a: ids.bo, b: ids.me, state: 'failed', rttMs: null }],
        }),
      ),
    );
    const lines = [...made.container.querySelectorAll('line')];
    expect(lines).toHaveLength(3);
    expect(lines.filter((l) => l.classList.contains('edge-failed'))).toHaveLength(2);
  });
});
