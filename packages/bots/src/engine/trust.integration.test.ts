// Trust between peers with real bots on real WebRTC and a real signal app, inside a loopback-only
// namespace (protocol SPEC [P14], [P15], [P17]): every refused move gets its code, changes
// nothing, and costs the honest peers no media.
import type { PeerLeftEvent } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import type { Bot } from '../Bot';
import {
  FLOWING_FRAMES,
  HUB_SECRET,
  MAX_FRAME_GAP_MS,
  useEngineSuite,
} from '../testing/engineSuite';
import { decoyKeySubtle } from '../testing/forgedKeys';
import { JOIN_TIMEOUT_MS } from '../testing/room';

const suite = useEngineSuite();
const log = (line: string) => console.info(`[engine] ${line}`);

/** Each bot's view of the room: member ids in join order. */
const members = (bots: Bot[]) => bots.map((b) => b.session.room?.peers.map((p) => p.id));

describe('trust', () => {
  it('[P15] the host locks the room: a newcomer gets ERR_ROOM_LOCKED, nothing changes, members resume', async () => {
    const room = suite.newRoom('trust-lock');
    await room.add(3);
    await room.settled('mesh');
    await room.flowing('mesh', FLOWING_FRAMES);
    const [host, guest] = room.bots as [Bot, Bot];
    expect(room.bots.map((b) => b.session.room?.settings.hostId)).toEqual([
      host.id,
      host.id,
      host.id,
    ]);

    await expect(guest.session.updateRoom({ locked: true })).rejects.toMatchObject({
      code: 'ERR_NOT_HOST',
    });
    expect(room.bots.every((b) => b.session.room?.settings.locked === false)).toBe(true);

    await host.session.updateRoom({ locked: true });
    await Promise.all(
      room.bots.map((b) =>
        b.waitFor((x) => x.session.room?.settings.locked === true, { what: 'the room locked' }),
      ),
    );
    const version = host.committedPlanVersion;
    const before = members(room.bots);
    room.resetGaps();
    const newcomer = room.stranger('Newcomer');
    await expect(newcomer.join(JOIN_TIMEOUT_MS)).rejects.toMatchObject({
      code: 'ERR_ROOM_LOCKED',
    });
    expect(newcomer.session.status).toBe('failed');
    expect(newcomer.statusLog.at(-1)).toMatchObject({ status: 'failed', error: 'ERR_ROOM_LOCKED' });

    await room.flowing('mesh', FLOWING_FRAMES);
    expect(members(room.bots)).toEqual(before);
    expect(room.bots.map((b) => b.committedPlanVersion)).toEqual([version, version, version]);
    expect(room.longestGap().ms).toBeLessThan(MAX_FRAME_GAP_MS);

    // Members still resume in a locked room: a guest's socket blips, it comes back as itself.
    const guestId = guest.id;
    const joinsBefore = guest.statusLog.filter((s) => s.status === 'joined').length;
    expect(suite.dropSocket(guestId)).toBe(1);
    await guest.waitFor(
      (g) => g.statusLog.filter((s) => s.status === 'joined').length > joinsBefore,
      { what: 'the guest to resume in the locked room' },
    );
    expect(guest.id).toBe(guestId);
    await room.flowing('mesh', FLOWING_FRAMES);
    expect(members(room.bots)).toEqual(before);
    log(`locked room refused a newcomer with ERR_ROOM_LOCKED and let a member resume`);
  });

  it('[P15] the host removes a bot: it fails with ERR_REMOVED, the others keep their media', async () => {
    const room = suite.newRoom('trust-remove');
    await room.add(4);
    await room.settled('mesh');
    await room.flowing('mesh', FLOWING_FRAMES);
    const [host, guest, , victim] = room.bots as [Bot, Bot, Bot, Bot];
    const victimId = victim.id;

    await expect(guest.session.removePeer(host.id)).rejects.toMatchObject({
      code: 'ERR_NOT_HOST',
    });
    expect(room.bots.every((b) => b.session.room?.peers.length === 4)).toBe(true);

    const left: PeerLeftEvent[] = [];
    host.session.on('peerLeft', (e) => left.push(e));
    room.resetGaps();
    const t0 = Date.now();
    await host.session.removePeer(victimId);
    await victim.waitFor((v) => v.session.status === 'failed', { what: 'the removal' });
    expect(victim.statusLog.at(-1)).toMatchObject({ status: 'failed', error: 'ERR_REMOVED' });
    room.forget(victim);

    await room.settled('mesh');
    await room.flowing('mesh', FLOWING_FRAMES);
    await room.linksMatchPlan();
    expect(left).toContainEqual({ peerId: victimId, reason: 'kicked' });
    expect(room.bots.every((b) => !b.session.room?.peers.some((p) => p.id === victimId))).toBe(
      true,
    );
    // A removed peer never comes back: its session stopped at `failed`, with no retry after it.
    const failedAt = victim.statusLog.findIndex((s) => s.status === 'failed');
    expect(victim.statusLog.slice(failedAt + 1)).toEqual([]);
    expect(room.longestGap().ms).toBeLessThan(MAX_FRAME_GAP_MS);
    log(
      `host removed ${victim.name}: the rest flowing after ${Date.now() - t0} ms, longest gap ${room.longestGap().ms} ms`,
    );
  });

  it('[P17] a bot claiming deviceClass server without a hub token is refused with ERR_HUB_AUTH', async () => {
    const room = suite.newRoom('trust-hub');
    await room.add(2);
    await room.bots[0]?.session.setTopology('star');
    await room.settled('star');
    await room.flowing('star', FLOWING_FRAMES);
    const hub = room.bots[0]?.session.plan?.hub;
    const version = room.bots[0]?.committedPlanVersion;

    const liar = room.stranger('Liar', { capacity: { deviceClass: 'server', uplinkKbps: 1e7 } });
    await expect(liar.join(JOIN_TIMEOUT_MS)).rejects.toMatchObject({ code: 'ERR_HUB_AUTH' });
    const forger = room.stranger('Forger', {
      capacity: { deviceClass: 'server' },
      hubToken: 'not-the-hub-secret-at-all',
    });
    await expect(forger.join(JOIN_TIMEOUT_MS)).rejects.toMatchObject({ code: 'ERR_HUB_AUTH' });
    expect(room.bots.map((b) => b.session.plan?.hub)).toEqual([hub, hub]);
    expect(room.bots.map((b) => b.committedPlanVersion)).toEqual([version, version]);
    expect(room.bots.every((b) => b.session.room?.peers.length === 2)).toBe(true);

    // The real media hub presents the secret and is let in with its claim.
    const [media] = await room.add(1, {
      capacity: { deviceClass: 'server' },
      hubToken: HUB_SECRET,
    });
    await room.settled('star');
    await room.flowing('star', 1);
    const seen = room.bots[0]?.session.room?.peers.find((p) => p.id === media?.id);
    expect(seen?.capacity.deviceClass).toBe('server');
    log(
      `server claims without the hub secret refused; the hub with it joined (hub now ${room.describeLinks()})`,
    );
  });

  it('[P14] a chat is delivered once to everyone, relayed around a ring, with its real origin', async () => {
    const room = suite.newRoom('trust-chat');
    await room.add(4);
    await room.bots[0]?.session.setTopology('ring');
    await room.settled('ring');
    await room.flowing('ring', 1);
    const t0 = Date.now();
    const sent = await Promise.all(room.bots.map((b) => b.session.sendChat(`signed by ${b.name}`)));
    for (const [i, m] of sent.entries()) expect(m.origin).toBe(room.bots[i]?.id);
    await Promise.all(
      room.bots.map((b) =>
        b.waitFor(
          (x) => sent.every((m) => m.origin === x.id || x.chats.some((c) => c.id === m.id)),
          {
            what: 'every signed chat',
          },
        ),
      ),
    );
    const deliveredMs = Date.now() - t0;
    for (const b of room.bots) {
      for (const m of sent) {
        if (m.origin === b.id) continue;
        const got = b.chats.filter((c) => c.id === m.id);
        expect(got, `${b.name} got ${m.id} once`).toHaveLength(1);
        expect(got[0]).toMatchObject({ origin: m.origin, text: m.text });
      }
      // Honest traffic is never dropped as forged, misrouted or stale.
      expect(b.session.mesh?.rejectedMessages).toBe(0);
    }
    log(`4 signed chats in a ring, each delivered once with its origin, in ${deliveredMs} ms`);
  });

  it('[P14] a bot signing with a key other than the one it announced: its chat reaches nobody', async () => {
    const room = suite.newRoom('trust-forged');
    await room.add(2);
    const [forger] = await room.add(1, { subtle: decoyKeySubtle() });
    await room.settled('mesh');
    await room.flowing('mesh', 1);
    const honest = room.bots.filter((b) => b !== forger);
    const forged = await (forger as Bot).session.sendChat('I am who I say I am');
    await Promise.all(
      honest.map((b) =>
        b.waitFor((x) => x.errors.some((e) => e.code === 'ERR_BAD_SIGNATURE'), {
          what: 'the forged chat reported as ERR_BAD_SIGNATURE',
        }),
      ),
    );
    // Nothing is lost for the honest: their own chat still reaches everyone once.
    const fine = await (honest[0] as Bot).session.sendChat('still here');
    await Promise.all(
      room.bots
        .filter((b) => b !== honest[0])
        .map((b) =>
          b.waitFor((x) => x.chats.some((c) => c.id === fine.id), { what: 'the honest chat' }),
        ),
    );
    for (const b of honest) {
      expect(b.chats.some((c) => c.id === forged.id)).toBe(false);
      expect(b.session.mesh?.rejectedMessages).toBeGreaterThanOrEqual(1);
    }
    await room.flowing('mesh', FLOWING_FRAMES);
    log('a chat signed with a key other than the published one was dropped by every receiver');
  });

  it('[P16] a bot switching topology 200 times: the room settles on its last request in a few plans', async () => {
    const room = suite.newRoom('trust-churn');
    await room.add(3);
    await room.settled('mesh');
    await room.flowing('mesh', FLOWING_FRAMES);
    const [honest, churner, other] = room.bots as [Bot, Bot, Bot];
    const prepared = new Map<Bot, number>([
      [honest, 0],
      [other, 0],
    ]);
    for (const b of prepared.keys()) {
      b.session.on('planChanged', ({ committed }) => {
        if (!committed) prepared.set(b, (prepared.get(b) ?? 0) + 1);
      });
    }
    const cycle = ['star', 'ring', 'mesh'] as const;
    const t0 = Date.now();
    // Sent back to back, in order; the last one asks for a star.
    const requests = Array.from({ length: 200 }, (_, i) =>
      churner.session.setTopology(i === 199 ? 'star' : (cycle[i % 3] ?? 'mesh')),
    );
    const outcomes = await Promise.allSettled(requests);
    const sentMs = Date.now() - t0;
    await room.settled('star');
    await room.flowing('star', FLOWING_FRAMES);
    const plans = [...prepared.values()];
    // Coalesced: each honest peer handled a handful of plans, not one per request.
    for (const n of plans) expect(n).toBeLessThan(20);
    expect(outcomes.at(-1)?.status).toBe('fulfilled');
    log(
      `200 topology switches in ${sentMs} ms: honest peers prepared ${plans.join(' and ')} plans; settled on star in ${Date.now() - t0} ms`,
    );
  });
});
