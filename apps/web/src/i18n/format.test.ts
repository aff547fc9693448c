import { describe, expect, it } from 'vitest';
import { createFormat } from './format';

describe('createFormat', () => {
  const en = createFormat('en');
  const zh = createFormat('zh-CN');

  it('sizes, rates and durations through Intl units', () => {
    expect(en.bytes(512)).toBe('512 byte');
    expect(en.bytes(1536)).toBe('1.5 kB');
    expect(en.bytes(3.2 * 1024 * 1024)).toBe('3.2 MB');
    expect(en.bitrate(500)).toBe('500 kb/s');
    expect(en.bitrate(2_500)).toBe('2.5 Mb/s');
    expect(zh.bitrate(2_500)).toBe('2.5 Mb/秒');
    expect(en.ms(42)).toBe('42 ms');
    expect(zh.ms(42)).toBe('42毫秒');
    expect(en.inSeconds(1)).toBe('in 1 second');
    expect(zh.inSeconds(3)).toBe('3秒钟后');
  });

  it('lists, percentages and plurals in each language', () => {
    expect(en.list(['Ana', 'Bo', 'Cy'])).toBe('Ana, Bo, and Cy');
    expect(zh.list(['Ana', 'Bo', 'Cy'])).toBe('Ana、Bo和Cy');
    expect(en.percent(0.125)).toBe('12.5%');
    expect(en.plural(1, { one: 'hop', other: 'hops' })).toBe('hop');
    expect(en.plural(0, { one: 'hop', other: 'hops' })).toBe('hops');
    expect(zh.plural(1, { other: '跳' })).toBe('跳');
  });

  it('times that cannot be shown are a dash, never an exception', () => {
    expect(en.time(Number.NaN)).toBe('—');
    expect(zh.time(9e15)).toBe('—');
    expect(zh.time(Date.UTC(2026, 0, 1, 14, 5))).toMatch(/^\d{2}:\d{2}$/);
  });
});
