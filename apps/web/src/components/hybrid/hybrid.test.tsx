import { computeRoomPlan } from '@meshwork/mesh/plan';
import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { createFormat } from '../../i18n/format';
import { ids, peer, roomView, settings } from '../../test/fakes';
import { renderWithStore } from '../../test/render';
import { planPeers, previewCost } from '../../topology/cost';
import { routeText } from '../call/routeText';
import { CostPreview } from '../settings/CostPreview';
import TopologyPicture from '../topology/TopologyPicture';
import { AudioRoutingToggle } from './AudioRoutingToggle';

const people = [
  peer(ids.ana, 'Ana', 1),
  peer(ids.bo, 'Bo', 2),
  peer(ids.me, 'Me', 3),
  peer(ids.cy, 'Cy', 4),
];

async function joined(ui: React.ReactElement, topology: 'star' | 'ring', audio: 'mesh' | 'follow') {
  const made = renderWithStore(ui);
  await act(() => made.store.getState().join('brave-otter-42'));
  const plan = computeRoomPlan(
    {
      topology,
      audioRouting: audio,
      peers: planPeers(people),
      hubPreference: ids.ana,
      failedLinks: new Set(),
    },
    3,
    new Map(),
  ).peers.get(ids.me);
  if (!plan) throw new Error('no plan for self');
  act(() => {
    made.session().emit('statusChanged', { status: 'joined' });
    made.session().emit(
      'roomChanged',
      roomView(people, {
        settings: settings({ topology, audioRouting: audio, hubPreference: ids.ana }),
      }),
    );
    made.session().emit('planChanged', { plan, committed: true });
  });
  return made;
}

describe('[P30] hybrid plan in the web app', () => {
  it('the cost preview counts a leaf: one stream with video up, the audio-only ones apart', () => {
    const cost = previewCost('star', people, ids.me, ids.ana, 'mesh');
    // Video (and audio) to the hub; audio alone to Bo and Cy; video of three via the hub.
    expect(cost).toMatchObject({ up: 1, down: 3, audioUp: 2, audioDown: 2, links: 3, relayed: 0 });
    expect(previewCost('star', people, ids.me, ids.ana).audioUp).toBeUndefined();
    // The hub re-encodes video only (three leaves' video to two others each): audio goes around it.
    expect(previewCost('star', people, ids.ana, ids.ana, 'mesh')).toMatchObject({
      up: 9,
      relayed: 6,
    });
    const { container } = renderWithStore(<CostPreview id="c" cost={cost} />);
    expect(container.querySelector('[data-cost="audio-up"]')?.textContent).toBe('2');
    expect(container.querySelector('[data-cost="audio-down"]')?.textContent).toBe('2');
  });

  it('a tile says the audio comes direct and the video via the hub', () => {
    const names = new Map<string, string>([[ids.ana, 'Ana']]);
    const route = { path: [ids.bo, ids.ana, ids.me], hops: 2, audioPath: [ids.bo, ids.me] };
    expect(routeText(route, (id) => names.get(id), en, createFormat('en'))).toBe(
      'audio direct, video via Ana · 2 hops',
    );
    expect(
      routeText(
        { ...route, audioPath: [ids.bo, ids.cy, ids.me] },
        (id) => names.get(id),
        en,
        createFormat('en'),
      ),
    ).toBe('audio 2 hops, video via Ana · 2 hops');
  });

  it('the picture draws every link, those that carry audio only dotted, and the hub as the relay', async () => {
    const { container } = await joined(<TopologyPicture />, 'star', 'mesh');
    const edges = [...container.querySelectorAll('line.edge')];
    expect(edges).toHaveLength(6);
    const dotted = edges.filter((e) => e.classList.contains('edge-audio'));
    expect(dotted).toHaveLength(3);
    expect(dotted.every((e) => !e.getAttribute('data-link')?.includes(ids.ana))).toBe(true);
    expect(container.querySelector(`[data-peer="${ids.ana}"]`)?.classList).toContain('node-relay');
    expect(screen.getByText(en.hybrid.legendAudio)).toBeTruthy();
  });

  it('the toggle asks the room for direct audio with the current topology, and back', async () => {
    const made = await joined(<AudioRoutingToggle />, 'ring', 'follow');
    const box = screen.getByLabelText(en.hybrid.toggleLabel) as HTMLInputElement;
    expect(box.checked).toBe(false);
    await act(async () => {
      fireEvent.click(box);
    });
    expect(made.session().setTopology).toHaveBeenLastCalledWith('ring', 'mesh');
  });
});
