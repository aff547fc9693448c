import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { createFormat } from '../../i18n/format';
import { zhCN } from '../../i18n/zh-CN';
import { routeText } from './routeText';

const names = new Map([
  ['a', 'Ana'],
  ['b', 'Bo'],
  ['c', 'Cy'],
  ['d', 'Di'],
]);
const nameOf = (id: string) => names.get(id);

describe('routeText', () => {
  it.each([
    { path: ['a', 'me'], hops: 1, text: 'direct' },
    { path: ['b', 'a', 'me'], hops: 2, text: 'via Ana · 2 hops' },
    { path: ['c', 'b', 'a', 'me'], hops: 3, text: 'via Bo and Ana · 3 hops' },
    { path: ['x', 'd', 'c', 'b', 'me'], hops: 4, text: 'via Di and Cy +1 · 4 hops' },
    { path: ['b', 'unknown', 'me'], hops: 2, text: '2 hops' },
  ])('$text', ({ path, hops, text }) => {
    expect(routeText({ path, hops }, nameOf, en, createFormat('en'))).toBe(text);
  });

  it('says nothing before the route is known', () => {
    expect(routeText(null, nameOf, en, createFormat('en'))).toBeNull();
  });

  it('speaks Simplified Chinese with its own list separators', () => {
    const zh = createFormat('zh-CN');
    expect(routeText({ path: ['a', 'me'], hops: 1 }, nameOf, zhCN, zh)).toBe('直连');
    expect(routeText({ path: ['c', 'b', 'a', 'me'], hops: 3 }, nameOf, zhCN, zh)).toBe(
      '经由 Bo和Ana · 3 跳',
    );
  });
});
