import { Emitter, noopLogger } from '@meshwork/kit';
import { describe, expect, it } from 'vitest';
import { RoomSync } from './RoomSync';
import { FakeMesh } from './testing/FakeMesh';
import { OTHER, PUBLIC_KEY, plan, SELF, selfPeer, snapshot } from './testing/fixtures';
import type { SessionEvents } from './types';

function setup(withMesh = true) {
  const events = new Emitter<SessionEvents>();
  const mesh = new FakeMesh({} as never);
  const sync = new RoomSync(events, () => (withMesh ? mesh : null), noopLogger);
  const seen: string[] = [];
  events.on('roomChanged', () => seen.push('room'));
  events.on('planChanged', (c) => seen.push(`plan ${c.plan.version} ${c.committed}`));
  return { sync, mesh, seen };
}

describe('RoomSync', () => {
  it('announces the join snapshot and only the changes that change something', () => {
    const { sync, seen } = setup();
    sync.reset(snapshot, SELF);
    sync.change({ type: 'settingsChanged', settings: snapshot.settings });
    sync.change({ type: 'peerLeft', peerId: OTHER });
    expect(seen).toEqual(['room', 'room']);
    expect(sync.room?.peers).toEqual([]);
  });

  it('[P14] gives the mesh the public keys of every room view', () => {
    const { sync, mesh } = setup();
    sync.reset(snapshot, SELF);
    const otherKey = `C${'Q'.repeat(86)}`;
    const third = { ...selfPeer({ audio: true, video: true, screen: false }), id: 'third-peer-3' };
    sync.change({ type: 'peerJoined', peer: { ...third, joinedAt: 5, publicKey: otherKey } });
    sync.change({ type: 'peerLeft', peerId: OTHER });
    expect(mesh.peerKeys.map((keys) => [...keys])).toEqual([
      [[OTHER, PUBLIC_KEY]],
      [
        [OTHER, PUBLIC_KEY],
        ['third-peer-3', otherKey],
      ],
      [['third-peer-3', otherKey]],
    ]);
  });

  it('hands both plan phases to the mesh and announces them; old relayed plans are ignored', () => {
    const { sync, mesh, seen } = setup();
    sync.prepare(plan(2), true);
    sync.prepare(plan(1), false);
    sync.commit(2);
    expect(mesh.calls).toEqual([
      ['applyPlan', 2],
      ['commitPlan', 2],
    ]);
    expect(seen).toEqual(['plan 2 false', 'plan 2 true']);
  });

  it('[P10] drops the commit of a superseded plan, and of a plan it never prepared', () => {
    const { sync, mesh, seen } = setup();
    sync.commit(7);
    sync.prepare(plan(2), true);
    sync.prepare(plan(3), false);
    sync.commit(2);
    expect(sync.isCurrent(3)).toBe(true);
    expect(sync.isCurrent(2)).toBe(false);
    expect(mesh.calls).toEqual([
      ['applyPlan', 2],
      ['applyPlan', 3],
    ]);
    expect(seen).toEqual(['plan 2 false', 'plan 3 false']);
  });
});
