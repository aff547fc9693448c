import { describe, expect, it } from 'vitest';
import { JoinGate } from './JoinGate';

describe('JoinGate', () => {
  it('holds events until the join is applied, then runs them in order', () => {
    const gate = new JoinGate();
    const log: string[] = [];
    gate.run(() => log.push('a'));
    gate.run(() => log.push('b'));
    expect(log).toEqual([]);
    gate.open(() => log.push(`join (open: ${gate.isOpen})`));
    expect(log).toEqual(['join (open: true)', 'a', 'b']);
    gate.run(() => log.push('c'));
    expect(log.at(-1)).toBe('c');
  });

  it('shut() drops held events: the next join brings the room anew', () => {
    const gate = new JoinGate();
    const log: string[] = [];
    gate.run(() => log.push('stale'));
    gate.shut();
    gate.open(() => {});
    expect(log).toEqual([]);
    gate.shut();
    expect(gate.isOpen).toBe(false);
  });
});
