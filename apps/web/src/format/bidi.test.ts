import { describe, expect, it } from 'vitest';
import { isolate, isolatedParts } from './bidi';

describe('bidi isolates for plain text', () => {
  it('wraps a name in FSI ... PDI and splits such text back into its runs', () => {
    const evil = '\u202Eevil';
    const text = `${isolate(evil)} joined, ${isolate('Bo')} left`;
    expect(text.startsWith('\u2068')).toBe(true);
    expect(isolatedParts(text)).toEqual([
      { text: evil, isolated: true },
      { text: ' joined, ', isolated: false },
      { text: 'Bo', isolated: true },
      { text: ' left', isolated: false },
    ]);
  });

  it('leaves text without isolates as one plain run', () => {
    expect(isolatedParts('Reconnected')).toEqual([{ text: 'Reconnected', isolated: false }]);
    expect(isolatedParts('')).toEqual([]);
  });
});
