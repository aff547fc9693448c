import { describe, expect, it } from 'vitest';
import { isolate } from '../../format/bidi';
import { ids, peer, roomView } from '../../test/fakes';
import { joinedStore } from '../../test/render';

const me = peer(ids.me, 'Me', 1);
const ana = peer(ids.ana, 'Ana', 2);
const bo = peer(ids.bo, 'Bo', 3);

const counts = (decrypted: Record<string, number>, failed: Record<string, number>) => ({
  encrypted: 10,
  withheld: 0,
  decrypted,
  failed,
});

describe('e2ee feed', () => {
  it('[P31] an origin whose frames stop opening is undecryptable until they open again', async () => {
    const { store, session } = await joinedStore();
    session.emit('roomChanged', roomView([me, ana, bo]));
    session.emit('framesCounted', counts({ [ids.ana]: 5, [ids.bo]: 5 }, {}));
    expect(store.getState().undecryptable).toEqual([]);
    session.emit('framesCounted', counts({ [ids.ana]: 9, [ids.bo]: 5 }, { [ids.bo]: 4 }));
    expect(store.getState().undecryptable).toEqual([ids.bo]);
    // Still failing, or silent: still undecryptable.
    session.emit('framesCounted', counts({ [ids.ana]: 12, [ids.bo]: 5 }, { [ids.bo]: 4 }));
    expect(store.getState().undecryptable).toEqual([ids.bo]);
    // A frame of Bo's opened: no longer.
    session.emit('framesCounted', counts({ [ids.ana]: 14, [ids.bo]: 6 }, { [ids.bo]: 4 }));
    expect(store.getState().undecryptable).toEqual([]);
    expect(store.getState().frameCounts?.decrypted[ids.ana]).toBe(14);
  });

  it('[P31] failures under ids that are not in the room are not shown', async () => {
    const { store, session } = await joinedStore();
    session.emit('roomChanged', roomView([me, ana]));
    session.emit('framesCounted', counts({}, { unrouted: 3, 'peer-gone-000': 2 }));
    expect(store.getState().undecryptable).toEqual([]);
  });

  it('[P31] a decrypt failure is announced by name', async () => {
    const { store, session } = await joinedStore();
    session.emit('roomChanged', roomView([me, ana]));
    session.emit('errorRaised', { code: 'ERR_E2EE_DECRYPT', message: 'x', peer: ids.ana });
    expect(store.getState().announcements.map((a) => a.text)).toContain(
      `Can't decrypt the media from ${isolate('Ana')}`,
    );
  });
});
