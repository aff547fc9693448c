import { LIMIT_PERSIST_MS, STAR_UP_PEERS } from '@meshwork/mesh/plan';
import type { AutoChoice, PeerInfo, RoomSettings } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { autoSummary, peopleCount, plannedTopology, previewAutoChoice } from './auto';

const SETTINGS: RoomSettings = {
  topology: 'mesh',
  audioRouting: 'follow',
  hubPreference: null,
  hostId: null,
  controlPolicy: 'everyone',
  locked: false,
  passwordProtected: false,
  lobby: false,
};

const peer = (i: number, capacity: PeerInfo['capacity'] = {}): PeerInfo => ({
  id: `peer000${i}`,
  displayName: `P${i}`,
  joinedAt: i,
  media: { audio: true, video: true, screen: false },
  capacity,
  connected: true,
  publicKey: 'A'.repeat(87),
});

const choice = (extra: Partial<AutoChoice>): AutoChoice => ({
  topology: 'mesh',
  reason: 'small',
  limitedPeer: null,
  limit: null,
  hub: null,
  ...extra,
});

describe('automatic topology in the page', () => {
  it('[P28] words the server choice the way the header shows it', () => {
    const names = new Map([['peer0002', 'Bo']]);
    const nameOf = (id: string) => names.get(id);
    expect(autoSummary(choice({}), 3, nameOf, en)).toBe('Mesh: 3 people');
    expect(autoSummary(choice({}), 1, nameOf, en)).toBe('Mesh: 1 person');
    expect(
      autoSummary(
        choice({
          topology: 'star',
          reason: 'limited',
          limitedPeer: 'peer0002',
          limit: 'uplink',
          hub: 'peer',
        }),
        6,
        nameOf,
        en,
      ),
    ).toBe("Star: 6 people, Bo's uplink limited");
    expect(
      autoSummary(
        choice({
          topology: 'star',
          reason: 'limited',
          limitedPeer: 'peer0002',
          limit: 'cpu',
          hub: 'peer',
        }),
        3,
        nameOf,
        en,
      ),
    ).toBe("Star: 3 people, Bo's CPU limited");
    expect(
      autoSummary(choice({ topology: 'star', reason: 'large', hub: 'server' }), 7, nameOf, en),
    ).toBe('Star: 7 people, through the media server');
    expect(autoSummary(choice({ reason: 'holding' }), 6, nameOf, en)).toBe(
      'Mesh: 6 people, about to change',
    );
  });

  it('[P28] plans are in the topology the server picked; a fixed setting is its own', () => {
    expect(plannedTopology({ ...SETTINGS, topology: 'ring' })).toBe('ring');
    expect(
      plannedTopology({ ...SETTINGS, topology: 'auto', auto: choice({ topology: 'star' }) }),
    ).toBe('star');
    expect(plannedTopology({ ...SETTINGS, topology: 'auto' })).toBe('mesh');
  });

  it('[P28] the preview is the server choice in an automatic room, else the same decision now', () => {
    const served = choice({ topology: 'star', reason: 'large', hub: 'peer' });
    expect(previewAutoChoice({ ...SETTINGS, topology: 'auto', auto: served }, [peer(1)])).toBe(
      served,
    );
    const small = Array.from({ length: STAR_UP_PEERS - 1 }, (_, i) => peer(i));
    expect(previewAutoChoice(SETTINGS, small).topology).toBe('mesh');
    expect(previewAutoChoice(SETTINGS, [...small, peer(9)]).topology).toBe('star');
    // A reported limitation counts as lasting: the page cannot know since when (LIMIT_PERSIST_MS).
    expect(LIMIT_PERSIST_MS).toBeGreaterThan(0);
    const limited = previewAutoChoice(SETTINGS, [peer(1), peer(2, { limitation: 'cpu' }), peer(3)]);
    expect(limited).toMatchObject({ topology: 'star', reason: 'limited', limit: 'cpu' });
    expect(peopleCount([peer(1), peer(2, { deviceClass: 'server' })])).toBe(1);
  });
});
