import { describe, expect, it } from 'vitest';
import type { PeerFigures, Picture, WindowFigures } from '../uplink/measure';
import { findThreshold, meshRow } from './threshold';

const FULL = { height: 360, fps: 24 };

function peer(index: number, upKbps: number, limitedBy: Record<string, number> = {}): PeerFigures {
  return {
    index,
    upKbps,
    videoUpKbps: upKbps - 40,
    downKbps: upKbps,
    encodings: 1,
    limitKbps: null,
    encodeMsPerS: 0,
    decodeMsPerS: 0,
    cpuPct: null,
    limitedBy,
  };
}

/** A mesh of `n` whose every peer sends `linkKbps` per link and receives `height`p pictures. */
function mesh(n: number, linkKbps: number, height: number): WindowFigures {
  const peers = Array.from({ length: n }, (_, i) => peer(i, linkKbps * (n - 1)));
  const pictures: Picture[] = [];
  for (let r = 0; r < n; r++) {
    for (let o = 0; o < n; o++) {
      if (o !== r) pictures.push({ receiver: r, origin: o, hops: 1, width: 0, height, fps: 24 });
    }
  }
  return { topology: 'mesh', n, windowS: 8, peers, pictures };
}

describe('meshRow', () => {
  it('divides each uplink by its N - 1 links and checks every peer against the budget', () => {
    const w = mesh(4, 500, 360);
    w.peers[2] = peer(2, 2_600, { bandwidth: 3 });
    const row = meshRow(w, 2_500, FULL);
    expect(row.maxUpKbps).toBe(2_600);
    expect(row.linkKbps).toBe(500);
    expect(row.withinBudget).toBe(false);
    expect(row.fullPicture).toBe(true);
    expect(row.limitedBy).toEqual({ bandwidth: 3 });
  });

  it('a single smaller picture means the pictures are not all full size', () => {
    const w = mesh(3, 400, 360);
    const first = w.pictures[0];
    if (first) first.height = 240;
    expect(meshRow(w, 2_500, FULL).fullPicture).toBe(false);
  });
});

describe('findThreshold', () => {
  it('projects the first size over the budget from the full-picture link cost', () => {
    const found = findThreshold(
      [
        { n: 2, window: mesh(2, 510, 360) },
        { n: 3, window: mesh(3, 500, 360) },
        { n: 4, window: mesh(4, 505, 360) },
        { n: 6, window: mesh(6, 490, 240) },
        { n: 5, error: 'did not form' },
      ],
      2_500,
      FULL,
    );
    expect(found.rows.map((r) => r.n)).toEqual([2, 3, 4, 6]);
    expect(found.fullLinkKbps).toBe(505);
    expect(found.projectedOverN).toBe(6);
    expect(found.shrinksAtN).toBe(6);
    expect(found.measuredOverN).toBeNull();
  });

  it('a cheaper link moves the projected size up, and a sender over budget is found', () => {
    const found = findThreshold(
      [
        { n: 2, window: mesh(2, 300, 360) },
        { n: 4, window: mesh(4, 300, 360) },
        { n: 7, window: mesh(7, 450, 360) },
      ],
      2_500,
      FULL,
    );
    expect(found.fullLinkKbps).toBe(300);
    expect(found.projectedOverN).toBe(10);
    expect(found.measuredOverN).toBe(7);
    expect(found.shrinksAtN).toBeNull();
  });

  it('says nothing when no size was measured at the full picture', () => {
    const found = findThreshold([{ n: 2, window: mesh(2, 500, 180) }], 2_500, FULL);
    expect(found.fullLinkKbps).toBeNull();
    expect(found.projectedOverN).toBeNull();
    expect(found.shrinksAtN).toBe(2);
  });
});
