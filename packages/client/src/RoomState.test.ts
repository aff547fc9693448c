import { describe, expect, it } from 'vitest';
import { RoomState } from './RoomState';
import { OTHER, plan, SELF, selfPeer, snapshot } from './testing/fixtures';

describe('RoomState', () => {
  it('changes nothing before a join snapshot', () => {
    const state = new RoomState();
    expect(state.apply({ type: 'peerLeft', peerId: OTHER })).toBeNull();
    expect(state.room).toBeNull();
  });

  it('returns the new view for a change, and null when nothing changed', () => {
    const state = new RoomState();
    const first = state.reset(snapshot, SELF);
    expect(state.apply({ type: 'settingsChanged', settings: snapshot.settings })).toBeNull();
    const next = state.apply({ type: 'peerLeft', peerId: OTHER });
    expect(next).not.toBe(first);
    expect(state.room).toBe(next);
    expect(next?.peers).toEqual([]);
  });

  it("ignores this peer's own arrival", () => {
    const state = new RoomState();
    const view = state.reset(snapshot, SELF);
    const self = selfPeer({ audio: true, video: true, screen: false });
    expect(state.apply({ type: 'peerJoined', peer: self })).toBeNull();
    expect(state.room).toBe(view);
  });

  it('takes only newer relayed plans, and the join ack plan always', () => {
    const state = new RoomState();
    expect(state.prepare(plan(3), false)).toBe(true);
    expect(state.prepare(plan(3), false)).toBe(false);
    expect(state.prepare(plan(2), false)).toBe(false);
    expect(state.plan?.version).toBe(3);
    expect(state.prepare(plan(1), true)).toBe(true);
    expect(state.plan?.version).toBe(1);
  });
});
