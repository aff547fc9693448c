import { describe, expect, it } from 'vitest';
import { parsePeerMessage } from './peerGuard';
import { PEER_LIMITS } from './peerLimits';
import { signingInput } from './signingInput';
import { TEST_SIGNATURE } from './testing/keys';

const chat = {
  t: 'chat',
  origin: 'peer-aaaa',
  seq: 3,
  text: 'hi',
  sentAt: 1,
  sig: TEST_SIGNATURE,
} as const;
const fileStart = {
  t: 'file-start',
  transferId: 'peer-aaaa:0',
  origin: 'peer-aaaa',
  name: 'a.txt',
  mimeType: 'text/plain',
  size: 1,
  chunks: 1,
  sha256: 'a'.repeat(64),
  sig: TEST_SIGNATURE,
} as const;

describe('parsePeerMessage', () => {
  it('accepts every message kind in its valid shape', () => {
    expect(parsePeerMessage(JSON.stringify(chat))).toEqual(chat);
    expect(parsePeerMessage('{"t":"ping","id":1}')).toEqual({ t: 'ping', id: 1 });
    const chunk = {
      t: 'file-chunk',
      transferId: 'peer-aaaa:0',
      origin: 'peer-aaaa',
      index: 0,
      data: 'AQID',
    };
    expect(parsePeerMessage(JSON.stringify(chunk))).toEqual(chunk);
    expect(parsePeerMessage(JSON.stringify(fileStart))).toEqual(fileStart);
  });

  it.each([
    ['not a string', new Uint8Array([1])],
    ['not JSON', '{nope'],
    ['an unknown kind', '{"t":"shell","cmd":"rm"}'],
    ['a bad origin', JSON.stringify({ ...chat, origin: '../x' })],
    ['empty chat', JSON.stringify({ ...chat, text: '' })],
    ['over-long chat', JSON.stringify({ ...chat, text: 'x'.repeat(PEER_LIMITS.chatMaxChars + 1) })],
    ['[P14] an unsigned chat', JSON.stringify({ ...chat, sig: undefined })],
    ['[P14] a signature of the wrong length', JSON.stringify({ ...chat, sig: 'S'.repeat(85) })],
    ['[P14] an unsigned file announcement', JSON.stringify({ ...fileStart, sig: undefined })],
    ['[P14] a sentAt past what a Date holds', JSON.stringify({ ...chat, sentAt: 8.64e15 + 1 })],
    ['[P14] a negative sentAt', JSON.stringify({ ...chat, sentAt: -1 })],
    ['over the size cap', `"${'x'.repeat(PEER_LIMITS.messageMaxChars)}"`],
    [
      'a chunk that is not base64',
      JSON.stringify({
        t: 'file-chunk',
        transferId: 'peer-aaaa:0',
        origin: 'peer-aaaa',
        index: 0,
        data: '<script>',
      }),
    ],
    [
      'a file hash that is not hex',
      JSON.stringify({
        t: 'file-start',
        transferId: 'peer-aaaa:0',
        origin: 'peer-aaaa',
        name: 'a',
        mimeType: '',
        size: 1,
        chunks: 1,
        sha256: 'z'.repeat(64),
      }),
    ],
  ])('rejects %s', (_label, raw) => {
    expect(parsePeerMessage(raw)).toBeNull();
  });

  it('a full chunk with its envelope fits the size cap', () => {
    const data = 'A'.repeat(Math.ceil(PEER_LIMITS.fileChunkBytes / 3) * 4);
    const raw = JSON.stringify({
      t: 'file-chunk',
      transferId: `${'p'.repeat(32)}:${'9'.repeat(15)}`,
      origin: 'p'.repeat(32),
      index: 4095,
      data,
    });
    expect(raw.length).toBeLessThanOrEqual(PEER_LIMITS.messageMaxChars);
    expect(parsePeerMessage(raw)).not.toBeNull();
  });
});

describe('signingInput', () => {
  it('[P14] covers every field but sig, in a fixed order, whatever the key order', () => {
    const { sig: _chatSig, ...unsignedChat } = chat;
    const reordered = {
      text: chat.text,
      sentAt: chat.sentAt,
      t: chat.t,
      seq: chat.seq,
      origin: chat.origin,
    };
    expect(signingInput(unsignedChat)).toBe('["chat","peer-aaaa",3,"hi",1]');
    expect(signingInput(reordered)).toBe(signingInput(unsignedChat));
    const { sig: _fileSig, ...unsignedFile } = fileStart;
    expect(signingInput(unsignedFile)).toBe(
      `["file-start","peer-aaaa","peer-aaaa:0","a.txt","text/plain",1,1,"${'a'.repeat(64)}"]`,
    );
    expect(signingInput({ ...unsignedFile, sha256: 'b'.repeat(64) })).not.toBe(
      signingInput(unsignedFile),
    );
  });
});
