import type { PeerId } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { dataArrivesFrom, dataNextHops, planForwarding } from './forwarding';
import type { TrackIdentity } from './manifest';
import { chooseReceive, isPlanReady } from './receiving';
import { handPlan } from './testing/plans';

// A hybrid star seen from a leaf ME: audio straight from every origin, video through HUB.
const ME = 'peer-self';
const HUB = 'peer-hubb';
const C = 'peer-cccc';
const D = 'peer-dddd';
const video = (origin: PeerId): TrackIdentity => ({ origin, key: 'cam', kind: 'video' });
const audio = (origin: PeerId): TrackIdentity => ({ origin, key: 'cam', kind: 'audio' });

const hybrid = handPlan(ME, 3, {
  receive: [
    { origin: HUB, from: HUB, path: [HUB, ME] },
    { origin: C, from: C, path: [C, ME], kind: 'audio' },
    { origin: C, from: HUB, path: [C, HUB, ME], kind: 'video' },
  ],
  forward: [
    { origin: ME, to: HUB, from: null },
    { origin: ME, to: C, from: null, kind: 'audio' },
  ],
});
const mesh = handPlan(ME, 2, {
  receive: [
    { origin: HUB, from: HUB, path: [HUB, ME] },
    { origin: C, from: C, path: [C, ME] },
  ],
  forward: [
    { origin: ME, to: HUB, from: null },
    { origin: ME, to: C, from: null },
  ],
});

describe('[M27] a hybrid plan moves each kind on its own route', () => {
  it('sends only audio on a link whose rule names audio', () => {
    const out = planForwarding({
      self: ME,
      plans: [hybrid],
      local: [
        { key: 'cam', kind: 'audio' },
        { key: 'cam', kind: 'video' },
      ],
      available: new Map(),
    });
    expect(out.get(HUB)?.map((t) => t.kind)).toEqual(['audio', 'video']);
    expect(out.get(C)).toEqual([{ ...audio(ME), from: null }]);
  });

  it('a relay forwards only the kinds its rules name, from the link each arrives on', () => {
    // The hub's view: C's audio and video both arrive straight from C; it relays C's video to D.
    const atHub = handPlan(HUB, 3, {
      forward: [
        { origin: C, to: D, from: C, kind: 'video' },
        { origin: C, to: ME, from: C, kind: 'video' },
      ],
    });
    const out = planForwarding({
      self: HUB,
      plans: [atHub],
      local: [],
      available: new Map([[C, [audio(C), video(C)]]]),
    });
    expect(out.get(D)).toEqual([{ ...video(C), from: C }]);
    expect(out.get(ME)).toEqual([{ ...video(C), from: C }]);
  });

  it('during a switch the old plan keeps a kind flowing until the new route delivers it', () => {
    // Old mesh plan still in force: C's video keeps going straight until the hub relays it.
    const out = planForwarding({
      self: ME,
      plans: [hybrid, mesh],
      local: [{ key: 'cam', kind: 'video' }],
      available: new Map(),
    });
    expect(out.get(C)).toEqual([{ ...video(ME), from: null }]);
  });

  it('a receiver takes each kind from the link its route names', () => {
    const available = new Map([
      [C, [audio(C), video(C)]],
      [HUB, [audio(C), video(C), video(HUB), audio(HUB)]],
    ]);
    const choices = chooseReceive([hybrid], available);
    expect(choices.get(`${C}/cam/audio`)).toMatchObject({ from: C, path: [C, ME] });
    expect(choices.get(`${C}/cam/video`)).toMatchObject({ from: HUB, path: [C, HUB, ME] });
    expect(choices.get(`${HUB}/cam/audio`)).toMatchObject({ from: HUB });
  });

  it('a kind offered on a link its route does not name is never shown from there', () => {
    // A hostile or stale hub sends C's audio too: the audio route names C's own link only.
    const choices = chooseReceive([hybrid], new Map([[HUB, [audio(C), video(C)]]]));
    expect(choices.get(`${C}/cam/audio`)).toBeUndefined();
    expect(choices.get(`${C}/cam/video`)).toMatchObject({ from: HUB });
  });

  it('is ready only when every kind has arrived over its own route', () => {
    const named = [audio(C), video(C), audio(HUB), video(HUB)];
    const connected = new Set([C, HUB]);
    const viaHubOnly = new Map([[HUB, [audio(HUB), video(HUB), video(C)]]]);
    expect(isPlanReady(hybrid, viaHubOnly, connected, named)).toBe(false);
    const both = new Map([...viaHubOnly, [C, [audio(C)]]]);
    expect(isPlanReady(hybrid, both, connected, named)).toBe(true);
    // C's video straight from C does not make the video route (via the hub) ready.
    const direct = new Map([
      [HUB, [audio(HUB), video(HUB)]],
      [C, [audio(C), video(C)]],
    ]);
    expect(isPlanReady(hybrid, direct, connected, named)).toBe(false);
  });

  it('room data follows the audio routes: one hop, never relayed by the video hub', () => {
    const atHub = handPlan(HUB, 3, {
      receive: [
        { origin: C, from: C, path: [C, HUB] },
        { origin: D, from: D, path: [D, HUB] },
      ],
      forward: [
        { origin: C, to: D, from: C, kind: 'video' },
        { origin: C, to: ME, from: C, kind: 'video' },
        { origin: HUB, to: C, from: null },
      ],
    });
    expect(dataNextHops([atHub], C, C, () => true)).toEqual([]);
    expect(dataNextHops([atHub], HUB, null, () => true)).toEqual([C]);
    expect(dataNextHops([hybrid], ME, null, () => true)).toEqual([HUB, C]);
    expect(dataArrivesFrom([hybrid], C, C)).toBe(true);
    expect(dataArrivesFrom([hybrid], C, HUB)).toBe(false);
  });
});
