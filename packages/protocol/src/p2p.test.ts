import { describe, expect, it } from 'vitest';
import { parseP2pMessage } from './p2p';
import { PEER_LIMITS } from './peerLimits';

describe('serverless call messages', () => {
  it.each([
    ['chat', { t: 'chat', text: 'hi' }],
    [
      'description signal',
      {
        t: 'signal',
        signal: {
          type: 'description',
          description: { type: 'offer', sdp: 'v=0\r\n' },
          manifest: [],
        },
      },
    ],
    ['end of candidates', { t: 'signal', signal: { type: 'candidate', candidate: null } }],
  ])('parses a %s', (_what, message) => {
    expect(parseP2pMessage(JSON.stringify(message))).toEqual(message);
  });

  it.each([
    ['not text', 42],
    ['not JSON', '{'],
    ['an unknown kind', JSON.stringify({ t: 'exec', code: 'x' })],
    ['an empty chat', JSON.stringify({ t: 'chat', text: '' })],
    [
      'a bare description',
      JSON.stringify({ t: 'description', description: { type: 'rollback', sdp: '' } }),
    ],
    ['too long', JSON.stringify({ t: 'chat', text: 'x'.repeat(PEER_LIMITS.messageMaxChars) })],
    ['prototype bait', '{"__proto__":{"t":"chat","text":"x"}}'],
  ])('refuses %s', (_what, text) => {
    expect(parseP2pMessage(text)).toBeNull();
  });
});
