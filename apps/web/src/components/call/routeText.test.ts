import { describe, expect, it } from 'vitest';
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
    { path: ['c', 'b', 'a', 'me'], hops: 3, text: 'via Bo, Ana · 3 hops' },
    { path: ['x', 'd', 'c', 'b', 'me'], hops: 4, text: 'via Di, Cy +1 · 4 hops' },
    { path: ['b', 'unknown', 'me'], hops: 2, text: '2 hops' },
  ])('$text', ({ path, hops, text }) => {
    expect(routeText({ path, hops }, nameOf)).toBe(text);
  });

  it('says nothing before the route is known', () => {
    expect(routeText(null, nameOf)).toBeNull();
  });
});
