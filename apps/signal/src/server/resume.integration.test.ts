// [P16] Resume tokens and hints with real socket.io clients, across a real signal-app restart.
import { FakeClock } from '@meshwork/kit';
import { describe, expect, it } from 'vitest';
import { RESUME_TOKEN_TTL_MS } from '../auth/resumeToken';
import { join, joinOk, useTestStack } from '../testing/harness';

const { server, peer } = useTestStack();
const resumeSecret = 'restart-secret-0123456789';

describe('[P16] resume after a restart', () => {
  it('[P16] a member’s hints cannot fill the rebuilt room with made-up peers or push the plan version', async () => {
    const before = await server({ config: { resumeSecret, maxPeersPerRoom: 3 } });
    const a = await joinOk(await peer(before), 'rebuilt');
    const b = await joinOk(await peer(before), 'rebuilt');
    await before.close();

    const after = await server({ config: { resumeSecret, maxPeersPerRoom: 3 } });
    const fakes = Array.from({ length: 19 }, (_, i) => ({ peer: `made-up-peer-${i}`, epoch: 1 }));
    const attack = await joinOk(await peer(after), 'rebuilt', {
      resumeToken: b.resumeToken,
      resume: {
        planVersion: Number.MAX_SAFE_INTEGER,
        planProof: 'A'.repeat(22),
        topology: 'mesh',
        hubPreference: null,
        links: fakes,
      },
    });
    expect(attack).toMatchObject({ resumed: true, selfId: b.selfId });
    expect(attack.room.peers.map((p) => p.id)).toEqual([b.selfId]);
    expect(attack.plan.version).toBe(1);
    // The honest member resumes with its real hints: its proven version comes back.
    const honest = await joinOk(await peer(after), 'rebuilt', {
      resumeToken: a.resumeToken,
      resume: {
        planVersion: b.plan.version,
        planProof: b.plan.proof,
        topology: 'mesh',
        hubPreference: null,
        links: [{ peer: b.selfId, epoch: b.plan.links[0]?.epoch ?? 0 }],
      },
    });
    expect(honest).toMatchObject({ resumed: true, selfId: a.selfId });
    expect(honest.plan.version).toBeGreaterThan(b.plan.version);
    expect(honest.plan.version).toBeLessThan(100);
    // The made-up peers took no seat: a newcomer still gets the third place.
    const newcomer = await joinOk(await peer(after), 'rebuilt');
    expect(newcomer.room.peers).toHaveLength(3);
    expect(newcomer.plan.order).toHaveLength(3);
  });

  it('[P16] a token for another room is no token; [P14] a token with another key is refused', async () => {
    const s = await server({ config: { resumeSecret, resumeGraceMs: 60_000 } });
    const first = await peer(s);
    const a = await joinOk(first, 'room-one');
    const other = await joinOk(await peer(s), 'room-two', { resumeToken: a.resumeToken });
    expect(other.resumed).toBe(false);
    expect(other.selfId).not.toBe(a.selfId);
    first.socket.disconnect();
    const stolen = await join(await peer(s), 'room-one', {
      resumeToken: a.resumeToken,
      publicKey: `C${'A'.repeat(86)}`,
    });
    expect(stolen).toMatchObject({ ok: false, error: 'ERR_BAD_REQUEST' });
    const back = await joinOk(await peer(s), 'room-one', { resumeToken: a.resumeToken });
    expect(back).toMatchObject({ resumed: true, selfId: a.selfId });
  });

  it('[P18] a protected room’s password survives a restart; a member cannot replace it', async () => {
    const before = await server({ config: { resumeSecret } });
    const a = await joinOk(await peer(before), 'vault', { password: 'open sesame' });
    const b = await joinOk(await peer(before), 'vault', { password: 'open sesame' });
    await before.close();
    const after = await server({ config: { resumeSecret } });
    // The first member back sends another password: the room keeps its own.
    const first = await joinOk(await peer(after), 'vault', {
      resumeToken: b.resumeToken,
      password: 'something else',
    });
    expect(first).toMatchObject({ resumed: true, selfId: b.selfId });
    expect(first.room.settings).toMatchObject({ passwordProtected: true, controlPolicy: 'host' });
    for (const password of [undefined, 'something else']) {
      expect(await join(await peer(after), 'vault', password ? { password } : {})).toMatchObject({
        ok: false,
        error: 'ERR_AUTH_FAILED',
      });
    }
    const back = await joinOk(await peer(after), 'vault', {
      resumeToken: a.resumeToken,
      password: 'open sesame',
    });
    expect(back).toMatchObject({ resumed: true, selfId: a.selfId });
    await joinOk(await peer(after), 'vault', { password: 'open sesame' });
  });

  it('[P16] an expired token is no token', async () => {
    const clock = new FakeClock(1_800_000_000_000);
    const s = await server({ clock, config: { resumeSecret } });
    const a = await joinOk(await peer(s), 'expiry');
    await s.close();
    clock.advance(RESUME_TOKEN_TTL_MS);
    const again = await server({ clock, config: { resumeSecret } });
    const late = await joinOk(await peer(again), 'expiry', { resumeToken: a.resumeToken });
    expect(late.resumed).toBe(false);
    expect(late.selfId).not.toBe(a.selfId);
  });
});
