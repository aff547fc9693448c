import { describe, expect, it } from 'vitest';
import { type ChaosState, MIN_PRESENT, nextFault, seededRandom } from './faults';

describe('chaos faults', () => {
  it('the same seed gives the same faults', () => {
    const state: ChaosState = { topology: 'mesh', present: [0, 1, 2, 3, 4], absent: [] };
    const run = (seed: number) => {
      const r = seededRandom(seed);
      return Array.from({ length: 20 }, () => nextFault(r, state));
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });

  it('never leaves fewer than MIN_PRESENT bots, never removes bot 1, switches to another topology', () => {
    const r = seededRandom(1);
    const state: ChaosState = { topology: 'star', present: [0, 1, 2], absent: [3] };
    const kinds = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const f = nextFault(r, state);
      kinds.add(f.kind);
      expect(state.present.length).toBe(MIN_PRESENT);
      expect(['leave', 'crash']).not.toContain(f.kind);
      if (f.kind === 'topology') expect(f.topology).not.toBe('star');
      if (f.kind === 'join') expect(f.bot).toBe(3);
      if (f.kind === 'cut') expect(state.present).toContain(f.bot);
    }
    expect(kinds).toEqual(new Set(['topology', 'cut', 'loss', 'signalRestart', 'join']));
    const big: ChaosState = { topology: 'mesh', present: [0, 1, 2, 3, 4], absent: [] };
    for (let i = 0; i < 500; i++) {
      const f = nextFault(r, big);
      if (f.kind === 'leave' || f.kind === 'crash') expect(f.bot).not.toBe(0);
    }
  });
});
