import type { PeerId } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import type { TrackIdentity } from './manifest';
import { chooseReceive, isPlanReady } from './receiving';
import { handPlan } from './testing/plans';

const ME = 'peer-self';
const video = (origin: PeerId): TrackIdentity => ({ origin, key: 'cam', kind: 'video' });
const star = handPlan(ME, 2, {
  receive: [
    { origin: 'peer-hubb', from: 'peer-hubb', path: ['peer-hubb', ME] },
    { origin: 'peer-cccc', from: 'peer-hubb', path: ['peer-cccc', 'peer-hubb', ME] },
  ],
});
const mesh = handPlan(ME, 1, {
  receive: [
    { origin: 'peer-hubb', from: 'peer-hubb', path: ['peer-hubb', ME] },
    { origin: 'peer-cccc', from: 'peer-cccc', path: ['peer-cccc', ME] },
  ],
});

describe('chooseReceive', () => {
  it('[M11] the newer plan route wins once the track arrived on it', () => {
    const available = new Map([
      ['peer-hubb', [video('peer-hubb'), video('peer-cccc')]],
      ['peer-cccc', [video('peer-cccc')]],
    ]);
    const choice = chooseReceive([star, mesh], available).get('peer-cccc/cam/video');
    expect(choice).toMatchObject({ from: 'peer-hubb', path: ['peer-cccc', 'peer-hubb', ME] });
  });

  it('[M11] until then the old route keeps the tile', () => {
    const available = new Map([
      ['peer-hubb', [video('peer-hubb')]],
      ['peer-cccc', [video('peer-cccc')]],
    ]);
    const choice = chooseReceive([star, mesh], available).get('peer-cccc/cam/video');
    expect(choice).toMatchObject({ from: 'peer-cccc', path: ['peer-cccc', ME] });
  });

  it('[M11] an old route that decodes beats a new one only announced', () => {
    const available = new Map([['peer-cccc', [video('peer-cccc')]]]);
    const announced = new Map([['peer-hubb', [video('peer-cccc')]]]);
    const choice = chooseReceive([star, mesh], available, announced).get('peer-cccc/cam/video');
    expect(choice).toMatchObject({ from: 'peer-cccc', path: ['peer-cccc', ME] });
  });

  it('[M11] with no route decoding (a first plan, a dead route) an announced track is shown', () => {
    const announced = new Map([['peer-hubb', [video('peer-cccc')]]]);
    const choice = chooseReceive([star, mesh], new Map(), announced).get('peer-cccc/cam/video');
    expect(choice).toMatchObject({ from: 'peer-hubb', path: ['peer-cccc', 'peer-hubb', ME] });
  });

  it('[M11] a track on a link no route names is not shown', () => {
    const available = new Map([['peer-zzzz', [video('peer-zzzz')]]]);
    expect(chooseReceive([star], available).size).toBe(0);
  });
});

describe('isPlanReady', () => {
  const connected = new Set(['peer-hubb']);
  it('[M12] ready when every origin arrives over the new route', () => {
    const available = new Map([['peer-hubb', [video('peer-hubb'), video('peer-cccc')]]]);
    const named = [video('peer-hubb'), video('peer-cccc')];
    expect(isPlanReady(star, available, connected, named)).toBe(true);
  });

  it('[M12] not ready while an origin arrives only over the old route', () => {
    const available = new Map([['peer-hubb', [video('peer-hubb')]]]);
    const named = [video('peer-hubb'), video('peer-cccc')];
    expect(isPlanReady(star, available, connected, named)).toBe(false);
  });

  it('[M12] an origin that sends nothing counts once its route link is connected', () => {
    const available = new Map([['peer-hubb', [video('peer-hubb')]]]);
    expect(isPlanReady(star, available, connected, [video('peer-hubb')])).toBe(true);
    expect(isPlanReady(star, available, new Set(), [video('peer-hubb')])).toBe(false);
  });
});
