import { describe, expect, it } from 'vitest';
import { parseChaosArgs } from './chaosArgs';

describe('pnpm bots chaos arguments', () => {
  it('defaults, with the random seed given', () => {
    expect(parseChaosArgs([], 42)).toEqual({
      kind: 'run',
      bots: 5,
      durationMs: 60_000,
      seed: 42,
      boundMs: 20_000,
    });
  });

  it('reads every option and refuses bad values with a message', () => {
    expect(
      parseChaosArgs(['--bots', '4', '--duration', '30', '--seed', '7', '--bound-ms', '5000'], 0),
    ).toEqual({
      kind: 'run',
      bots: 4,
      durationMs: 30_000,
      seed: 7,
      boundMs: 5_000,
    });
    expect(parseChaosArgs(['--bots', '2'], 0)).toEqual({
      kind: 'error',
      message: '--bots must be an integer 3-12',
    });
    expect(parseChaosArgs(['--nope'], 0).kind).toBe('error');
    expect(parseChaosArgs(['-h'], 0)).toEqual({ kind: 'help' });
  });
});
