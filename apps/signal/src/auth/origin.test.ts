import { describe, expect, it } from 'vitest';
import { isOriginAllowed } from './origin';

const allow = new Set(['https://meet.example.org']);

describe('isOriginAllowed', () => {
  it.each([
    [undefined, 'signal.example.org', true, 'no Origin: not a browser'],
    ['https://meet.example.org', 'signal.example.org', true, 'listed'],
    ['http://localhost:8080', 'localhost:8080', true, 'same origin'],
    ['http://LOCALHOST:8080', 'localhost:8080', true, 'same origin, other case'],
    ['https://evil.example', 'signal.example.org', false, 'other origin'],
    ['http://localhost:8081', 'localhost:8080', false, 'other port'],
    ['null', 'localhost:8080', false, 'opaque origin'],
    ['file://localhost:8080', 'localhost:8080', false, 'not http'],
    ['https://evil.example', undefined, false, 'no Host'],
  ])('%s on %s -> %s (%s)', (origin, host, expected, _why) => {
    expect(isOriginAllowed(origin, host, allow)).toBe(expected);
  });
});
