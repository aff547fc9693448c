import { afterEach, describe, expect, it } from 'vitest';
import type { BotReport } from './messages';
import { NetRoom } from './NetRoom';

const canRun = process.getuid?.() === 0;
if (!canRun) console.warn('netroom: not root, so the real-network fault tests are skipped');

let room: NetRoom | null = null;
afterEach(async () => {
  await room?.close();
  room = null;
});

/** Frames each bot decoded from each origin. */
const frames = (reports: BotReport[]) =>
  reports.map((r) => new Map(r.origins.map((o) => [o.origin, o.framesDecoded])));

/** Every bot decodes every other bot, with at least `more` frames beyond `base`. */
function everyoneSeesEveryone(room: NetRoom, base: Array<Map<string, number>> | null, more = 15) {
  return (reports: BotReport[]) =>
    reports.every((r, i) =>
      room.bots.every(
        (b) =>
          b.index === i ||
          (r.origins.find((o) => o.origin === b.peerId)?.framesDecoded ?? 0) >=
            (base?.[i]?.get(b.peerId) ?? 0) + more,
      ),
    );
}

describe.skipIf(!canRun)('ICE restart on a real network ([M23], [P22])', () => {
  it('[M23] a peer cut for less than the restart budget comes back on the same peer connections, with the same id', async () => {
    room = await NetRoom.start({ bots: 3 });
    const r = room;
    await r.until(everyoneSeesEveryone(r, null), 'media from everyone', { timeoutMs: 60_000 });
    const before = await r.reports();
    const cut = r.bots[2];
    if (!cut) throw new Error('no bot 3');
    await r.net.cut(cut.host);
    const cutAt = Date.now();
    // The cut lasts until an ICE restart runs on both links to the cut peer (ICE notices a dead
    // path after about 5 s, the restart follows DISCONNECTED_GRACE_MS later): about 9 s.
    await r.until(
      (reports) => reports.slice(0, 2).every((rep) => rep.links[cut.peerId] === 'restarting'),
      'ICE restarts towards the cut peer',
      { timeoutMs: 30_000 },
    );
    const restoredAt = Date.now();
    await r.net.restore(cut.host);
    const atRestore = frames(await r.reports());
    const after = await r
      .until(everyoneSeesEveryone(r, atRestore), 'media from everyone again', { timeoutMs: 30_000 })
      .catch(async (err) => {
        const reps = await r.reports();
        console.info(
          JSON.stringify(
            reps.map((a) => [
              a.peerId?.slice(0, 4),
              a.linkLog
                .filter((l) => l.at >= cutAt)
                .map((l) => [l.at - cutAt, l.peer.slice(0, 4), l.status]),
              a.errors,
            ]),
          ),
        );
        throw err;
      });
    expect(after.map((a) => a.peerId)).toEqual(before.map((b) => b.peerId));
    expect(after.map((a) => a.peerConnectionsCreated)).toEqual(
      before.map((b) => b.peerConnectionsCreated),
    );
    expect(after.flatMap((a) => a.crashes)).toEqual([]);
    // [M23] each survivor saw the link go down within LINK_SILENCE_MS and a bit, restart, come back.
    for (const rep of after.slice(0, 2)) {
      const seen = rep.linkLog.filter((l) => l.peer === cut.peerId && l.at >= cutAt);
      const states = seen.map((l) => l.status);
      expect(states[0]).toBe('disconnected');
      expect(states).toContain('restarting');
      expect(states.at(-1)).toBe('connected');
      expect(states.filter((s) => s === 'failed' || s === 'closed')).toEqual([]);
    }
    // No renegotiation of the other link: the two survivors' link never changed state.
    const [first, second] = after as [BotReport, BotReport];
    expect(first.linkLog.filter((l) => l.peer === second.peerId && l.at >= cutAt)).toEqual([]);
    const down = Math.max(
      ...after
        .slice(0, 2)
        .map(
          (rep) =>
            rep.linkLog.find((l) => l.peer === cut.peerId && l.at >= cutAt)?.at ?? Number.NaN,
        ),
    );
    console.info(`cut ${restoredAt - cutAt} ms; links down ${down - cutAt} ms after the cut`);
  });
});
