import { describe, expect, it } from 'vitest';
import { ResumeState } from './ResumeState';
import { roomViewFromSnapshot } from './roomView';
import { joinOk, plan, SELF, snapshot } from './testing/fixtures';

describe('ResumeState', () => {
  it('asks for nothing before the first join', () => {
    const state = new ResumeState();
    expect(state.requestFields(plan(1), roomViewFromSnapshot(snapshot, SELF))).toEqual({});
    expect(state.selfId).toBeNull();
  });

  it('[P9] asks to resume with the token and the hints of the room it knew', () => {
    const state = new ResumeState();
    expect(state.accept(joinOk())).toBe('first');
    const fields = state.requestFields(plan(3), roomViewFromSnapshot(snapshot, SELF));
    expect(fields.resumeToken).toBe('token-1');
    expect(fields.resume).toMatchObject({ planVersion: 3, topology: 'mesh' });
    expect(state.requestFields(null, null)).toEqual({ resumeToken: 'token-1' });
  });

  it('tells a resumed identity from a replaced one, and forgets what the old one said', () => {
    const state = new ResumeState();
    state.accept(joinOk());
    state.reportedLinks([{ peer: 'other-peer-2', state: 'connected' }]);
    state.readyFor(1);
    expect(state.accept(joinOk({ resumeToken: 'token-2' }))).toBe('resumed');
    expect(state.lastLinkReport).toHaveLength(1);
    expect(state.lastReady).toBe(1);
    expect(state.accept(joinOk({ selfId: 'self-peer-9', resumeToken: 'token-3' }))).toBe(
      'replaced',
    );
    expect(state.selfId).toBe('self-peer-9');
    expect(state.lastLinkReport).toBeNull();
    expect(state.lastReady).toBeNull();
    expect(state.requestFields(null, null)).toEqual({ resumeToken: 'token-3' });
  });
});
