import type { Signal } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { EARLY_SIGNALS_MAX, EarlySignals } from './EarlySignals';

const restart: Signal = { type: 'ice-restart' };
const candidate = (n: number): Signal => ({
  type: 'candidate',
  candidate: { candidate: `c${n}`, sdpMid: '0', sdpMLineIndex: 0, usernameFragment: null },
});

describe('EarlySignals', () => {
  it('[M17] hands back only the signals of one link life, in arrival order', () => {
    const early = new EarlySignals();
    early.hold('peer-aaaa', 2, candidate(1));
    early.hold('peer-bbbb', 2, restart);
    early.hold('peer-aaaa', 3, restart);
    early.hold('peer-aaaa', 2, candidate(2));
    expect(early.take('peer-aaaa', 2)).toEqual([candidate(1), candidate(2)]);
    expect(early.take('peer-aaaa', 2)).toEqual([]);
    expect(early.size).toBe(2);
  });

  it('[M17] holds at most EARLY_SIGNALS_MAX, dropping the oldest', () => {
    const early = new EarlySignals();
    for (let i = 0; i <= EARLY_SIGNALS_MAX; i++) early.hold('peer-aaaa', 2, candidate(i));
    expect(early.size).toBe(EARLY_SIGNALS_MAX);
    expect(early.take('peer-aaaa', 2)[0]).toEqual(candidate(1));
    early.hold('peer-aaaa', 2, restart);
    early.clear();
    expect(early.size).toBe(0);
  });
});
