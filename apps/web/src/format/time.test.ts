import { describe, expect, it } from 'vitest';
import { clockTime, isoTime, MAX_DATE_MS, NO_TIME, safeDate } from './time';

describe('safe times', () => {
  it.each([
    ['past what a Date holds', MAX_DATE_MS + 1],
    ['far negative', -MAX_DATE_MS - 1],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a string', '12' as unknown as number],
    ['undefined', undefined as unknown as number],
  ])('[P14] %s shows as a dash and never throws', (_, ms) => {
    expect(safeDate(ms)).toBeNull();
    expect(clockTime(ms)).toBe(NO_TIME);
    expect(isoTime(ms)).toBeUndefined();
  });

  it('formats a valid time', () => {
    const ms = Date.UTC(2026, 0, 2, 3, 4, 5);
    expect(isoTime(ms)).toBe('2026-01-02T03:04:05.000Z');
    expect(clockTime(ms)).toMatch(/\d/);
    expect(clockTime(MAX_DATE_MS)).not.toBe('');
  });
});
