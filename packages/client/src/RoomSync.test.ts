import { Emitter, noopLogger } from '@meshwork/kit';
import { describe, expect, it } from 'vitest';
import { RoomSync } from './RoomSync';
import { FakeMesh } from './testing/FakeMesh';
import { OTHER, plan, SELF, snapshot } from './testing/fixtures';
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

  it('passes a commit of a plan it never prepared to the mesh without announcing it', () => {
    const { sync, mesh, seen } = setup();
    sync.commit(7);
    expect(mesh.calls).toEqual([['commitPlan', 7]]);
    expect(seen).toEqual([]);
  });
});
