import { until } from '@meshwork/kit';
import type { PeerId } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import type { FakeSender } from '../testing/FakeTransceiver';
import { fakeRoom, hopsEverywhere } from '../testing/fakeRoom';

type Room = Awaited<ReturnType<typeof fakeRoom>>;

/** The senders `id` sends a track on now, with the encoding each was limited to. */
function sending(r: Room, id: PeerId): FakeSender[] {
  return r
    .connectionsOf(id)
    .flatMap((pc) => pc.getTransceivers())
    .map((t) => t.sender)
    .filter((s) => s.track !== null);
}

const bitrates = (senders: FakeSender[]) => senders.map((s) => s.encodings[0]?.maxBitrate);
const sum = (senders: FakeSender[]) =>
  senders.reduce((total, s) => total + (s.encodings[0]?.maxBitrate ?? Infinity), 0);

describe('uplink budget (fake connections)', () => {
  it('[M26] every sender of a mesh of 4 is limited, within the budget together', async () => {
    const r = await fakeRoom(4, { uplinkKbps: 900, audio: true });
    r.prepare('mesh');
    await until(() => hopsEverywhere(r).every((h) => h === 1), { what: 'mesh streams' });
    for (const id of r.ids) {
      await until(() => sending(r, id).length === 6 && sum(sending(r, id)) <= 900_000, {
        what: `${id} limited`,
      });
      // Three microphones at the audio ceiling, three cameras sharing the rest (payload limits:
      // each share less its RTP headers).
      expect(bitrates(sending(r, id)).sort()).toEqual(
        [28_000, 28_000, 28_000, 247_000, 247_000, 247_000].sort(),
      );
    }
  });

  it('[M26] a switch to star re-spreads the hub budget over the streams it relays', async () => {
    const r = await fakeRoom(4, { uplinkKbps: 900 });
    r.prepare('mesh');
    await until(() => hopsEverywhere(r).every((h) => h === 1), { what: 'mesh streams' });
    r.prepare('star');
    r.commit();
    await until(() => r.shown('peer-bbbb', 'peer-dddd')?.route.hops === 2, { what: 'star' });
    const hub = 'peer-aaaa';
    // The hub sends three links its own camera and the two other leaves' cameras.
    await until(() => sending(r, hub).length === 9 && sum(sending(r, hub)) <= 900_000, {
      what: 'hub re-spread',
    });
    expect(new Set(bitrates(sending(r, hub)))).toEqual(new Set([95_000]));
    // A leaf sends one camera: it gets the whole budget.
    await until(() => bitrates(sending(r, 'peer-bbbb')).join() === '855000', {
      what: 'leaf with the whole budget',
    });
  });

  it('[M26] a new budget is applied to every sender at once; a bad one throws', async () => {
    const r = await fakeRoom(3, { uplinkKbps: 900 });
    r.prepare('mesh');
    await until(() => hopsEverywhere(r).every((h) => h === 1), { what: 'mesh streams' });
    r.get('peer-aaaa').setUplinkBudget(300);
    await until(() => bitrates(sending(r, 'peer-aaaa')).join() === '142500,142500', {
      what: 'new budget',
    });
    expect(r.get('peer-aaaa').uplinkKbps).toBe(300);
    expect(() => r.get('peer-aaaa').setUplinkBudget(Number.NaN)).toThrow(/uplink budget/);
    expect(() => r.get('peer-aaaa').setUplinkBudget(10)).toThrow(
      expect.objectContaining({ code: 'ERR_BAD_OPTION' }),
    );
    expect(r.get('peer-aaaa').uplinkKbps).toBe(300);
  });
});
