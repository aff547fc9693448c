import { FakeClock, noopLogger } from '@meshwork/kit';
import type { PeerId, PlanLink, Signal } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { FakeNetwork, fakeFactory } from '../testing/FakePeerConnection';
import { handPlan } from '../testing/plans';
import type { LinkStatus } from '../types';
import { desiredLinks, LinkSet } from './LinkSet';

const ME = 'peer-self';
const toPeer = (peer: PeerId, epoch: number): PlanLink => ({
  peer,
  epoch,
  offerer: true,
  polite: false,
});

function setup() {
  const network = new FakeNetwork();
  const statuses: Array<[PeerId, LinkStatus]> = [];
  let attached = 0;
  let disposed = 0;
  const links = new LinkSet({
    self: ME,
    createPeerConnection: fakeFactory(network),
    iceServers: [],
    clock: new FakeClock(),
    logger: noopLogger,
    attach: () => {
      attached += 1;
      return [() => (disposed += 1)];
    },
    statusChanged: (peer, status) => statuses.push([peer, status]),
  });
  return {
    network,
    links,
    statuses,
    counts: () => ({ attached, disposed }),
  };
}

describe('LinkSet', () => {
  it("[M9] a newer plan's link life wins over the older plan's for the same peer", () => {
    const older = handPlan(ME, 1, { links: [toPeer('peer-aaaa', 1), toPeer('peer-bbbb', 1)] });
    const newer = handPlan(ME, 2, { links: [toPeer('peer-aaaa', 2)] });
    expect([...desiredLinks([newer, older])]).toEqual([
      ['peer-aaaa', toPeer('peer-aaaa', 2)],
      ['peer-bbbb', toPeer('peer-bbbb', 1)],
    ]);
  });

  it('[M1][M9] opens the links of the plans, closes dropped ones and reopens a new epoch', () => {
    const { links, statuses, counts, network } = setup();
    links.sync([handPlan(ME, 1, { links: [toPeer('peer-aaaa', 1), toPeer('peer-bbbb', 1)] })]);
    expect([...links.byPeer.keys()]).toEqual(['peer-aaaa', 'peer-bbbb']);
    links.sync([handPlan(ME, 2, { links: [toPeer('peer-aaaa', 2)] })]);
    expect(links.get('peer-aaaa')?.epoch).toBe(2);
    expect(links.has('peer-bbbb')).toBe(false);
    expect(statuses).toEqual([
      ['peer-aaaa', 'new'],
      ['peer-bbbb', 'new'],
      ['peer-aaaa', 'closed'],
      ['peer-bbbb', 'closed'],
      ['peer-aaaa', 'new'],
    ]);
    expect(counts()).toEqual({ attached: 3, disposed: 2 });
    expect(network.created.filter((pc) => pc.connectionState === 'closed')).toHaveLength(2);
  });

  it('[M1][M17] signals go to their link life; newer ones wait for it, older ones are dropped', () => {
    const { links, network } = setup();
    const restart: Signal = { type: 'ice-restart' };
    links.sync([handPlan(ME, 1, { links: [toPeer('peer-aaaa', 1)] })]);
    expect(links.route('peer-aaaa', 1, restart, 1)).toBe('delivered');
    expect(links.route('peer-aaaa', 0, restart, 1)).toBe('dropped');
    expect(links.route('peer-bbbb', 2, restart, 1)).toBe('held');
    expect(links.route('peer-cccc', 1, restart, null)).toBe('held');
    links.sync([handPlan(ME, 2, { links: [toPeer('peer-bbbb', 2)] })]);
    expect(links.has('peer-bbbb')).toBe(true);
    expect(network.created).toHaveLength(2);
  });

  it('[M8] closeAll closes every link without reporting it and unsubscribes from each', () => {
    const { links, statuses, counts, network } = setup();
    links.sync([handPlan(ME, 1, { links: [toPeer('peer-aaaa', 1)] })]);
    links.closeAll();
    expect(statuses).toEqual([['peer-aaaa', 'new']]);
    expect(counts()).toEqual({ attached: 1, disposed: 1 });
    expect(links.byPeer.size).toBe(0);
    expect(network.created.every((pc) => pc.connectionState === 'closed')).toBe(true);
  });
});
