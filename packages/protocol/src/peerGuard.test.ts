import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonText } from './json';
import { PeerMessageSchema } from './peer';
import { parsePeerMessage, peerMessageOf } from './peerGuard';
import { BASE64_CHUNK_MAX_CHARS, MAX_FILE_CHUNKS, PEER_LIMITS } from './peerLimits';
import { StreamKeySchema } from './primitives';
import { isStreamKey } from './streamKey';
import { TEST_SIGNATURE } from './testing/keys';

/** What the zod schema says of a message text: the answer the guard must give. */
const bySchema = (text: unknown) =>
  parseJsonText(PeerMessageSchema, text, PEER_LIMITS.messageMaxChars);

const word = (chars: string, min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...chars), minLength: min, maxLength: max });
const ID_CHARS = 'aZ09_-';

// Each field's values: valid ones, values at and just past every bound, and wrong types.
const wrongTypes = fc.constantFrom<unknown>(null, true, [], {}, '1', 1, -1, 0.5);
const peerId = fc.oneof(
  word(ID_CHARS, 7, 33),
  fc.constantFrom('peer-aaaa', 'peer aaaa', 'péer-aaaa'),
);
const count = fc.oneof(
  fc.nat(),
  fc.constantFrom(-0, -1, 1.5, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, 2 ** 60),
  fc.double(),
);
const timestamp = fc.oneof(count, fc.constantFrom(8_640_000_000_000_000, 8_640_000_000_000_001));
const chunkIndex = fc.oneof(
  fc.integer({ min: -2, max: 10 }),
  fc.constantFrom(MAX_FILE_CHUNKS - 1, MAX_FILE_CHUNKS, MAX_FILE_CHUNKS + 1),
);
const sized = (max: number) =>
  fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.constantFrom(
      '',
      'x'.repeat(max),
      'x'.repeat(max + 1),
      '\u{1F600}'.repeat(Math.ceil(max / 2)),
    ),
  );
const signature = fc.oneof(
  fc.constant(TEST_SIGNATURE),
  fc.constantFrom(TEST_SIGNATURE.slice(1), `${TEST_SIGNATURE}A`, `${TEST_SIGNATURE.slice(1)}+`),
);
const transferId = fc.oneof(
  fc.tuple(peerId, fc.oneof(fc.nat(), fc.constantFrom(1e15, 1e16))).map(([p, n]) => `${p}:${n}`),
  fc.constantFrom('peer-aaaa:', 'peer-aaaa:-1', 'peer-aaaa:1a'),
);
const sha256 = fc.oneof(word('0af', 63, 65), fc.constant('A'.repeat(64)));
const base64 = fc.oneof(
  word('AZaz09+/', 0, 12).chain((s) => fc.constantFrom(s, `${s}=`, `${s}==`, `${s}===`, `${s}-`)),
  fc.constantFrom('A'.repeat(BASE64_CHUNK_MAX_CHARS), 'A'.repeat(BASE64_CHUNK_MAX_CHARS + 1)),
);

const keyId = fc.oneof(fc.integer({ min: -1, max: 256 }), fc.constantFrom(0, 255, 1.5));
const fixedWord = (n: number) =>
  fc.oneof(word(ID_CHARS, n - 1, n + 1), fc.constantFrom(`${'A'.repeat(n - 1)}+`, 'A'.repeat(n)));

const FIELDS: Record<string, fc.Arbitrary<unknown>> = {
  from: peerId,
  to: peerId,
  keyId,
  dh: fixedWord(87),
  wrapped: fixedWord(80),
  id: count,
  origin: peerId,
  seq: count,
  text: sized(PEER_LIMITS.chatMaxChars),
  sentAt: timestamp,
  sig: signature,
  transferId,
  name: sized(PEER_LIMITS.fileNameMaxChars),
  mimeType: sized(PEER_LIMITS.mimeTypeMaxChars),
  size: count,
  chunks: chunkIndex,
  sha256,
  index: chunkIndex,
  data: base64,
};
const KINDS: Record<string, string[]> = {
  ping: ['id'],
  pong: ['id'],
  chat: ['origin', 'seq', 'text', 'sentAt', 'sig'],
  'file-start': ['transferId', 'origin', 'name', 'mimeType', 'size', 'chunks', 'sha256', 'sig'],
  'file-chunk': ['transferId', 'origin', 'index', 'data'],
  'e2ee-key': ['from', 'to', 'keyId', 'dh', 'wrapped', 'sig'],
};

/** A message of one kind whose fields are each valid, off by one, wrong, or missing. */
const message = fc
  .constantFrom(...Object.keys(KINDS), 'pang', '')
  .chain((t) => {
    const names = KINDS[t] ?? ['id', 'origin'];
    const fields = Object.fromEntries(
      names.map((n) => [
        n,
        fc.option(
          fc.oneof({ weight: 4, arbitrary: FIELDS[n] as fc.Arbitrary<unknown> }, wrongTypes),
          {
            freq: 12,
            nil: undefined,
          },
        ),
      ]),
    );
    return fc.record({
      t: fc.oneof({ weight: 9, arbitrary: fc.constant<unknown>(t) }, wrongTypes),
      fields: fc.record(fields),
      extra: fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'x', 't2'), fc.jsonValue(), {
        maxKeys: 2,
      }),
    });
  })
  .map(({ t, fields, extra }) => {
    const out: Record<string, unknown> = JSON.parse(JSON.stringify(extra));
    out.t = t;
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v;
    return out;
  });

describe('peerGuard', () => {
  it('[P27] gives the zod schema’s answer and parsed value for any peer message', () => {
    let accepted = 0;
    fc.assert(
      fc.property(message, (m) => {
        const text = JSON.stringify(m);
        const expected = bySchema(text);
        if (expected !== null) accepted += 1;
        expect(parsePeerMessage(text)).toEqual(expected);
        expect(peerMessageOf(JSON.parse(text))).toEqual(expected);
      }),
      { numRuns: 3_000 },
    );
    // The generator reaches both sides of the schema, so agreement means something.
    expect(accepted).toBeGreaterThan(100);
  });

  it('[P27] gives the zod schema’s answer for any text: not JSON, too long, not an object', () => {
    const texts = fc.oneof(
      fc.string(),
      fc.json(),
      message.map((m) => JSON.stringify(m).slice(0, -1)),
      fc.constantFrom(
        '{"t":"ping","id":1e400}',
        '{"t":"ping","id":-0}',
        '[{"t":"ping","id":1}]',
        `{"t":"chat","text":"${'x'.repeat(PEER_LIMITS.messageMaxChars)}"}`,
      ),
    );
    fc.assert(
      fc.property(texts, (text) => {
        expect(parsePeerMessage(text)).toEqual(bySchema(text));
      }),
      { numRuns: 2_000 },
    );
    for (const raw of [undefined, null, 1, {}, new ArrayBuffer(4)]) {
      expect(parsePeerMessage(raw)).toBeNull();
      expect(bySchema(raw)).toBeNull();
    }
  });

  it('[P27] drops fields the schema does not know, as the schema does', () => {
    const text = '{"t":"ping","id":2,"__proto__":{"polluted":true},"extra":1}';
    expect(parsePeerMessage(text)).toEqual({ t: 'ping', id: 2 });
    expect(Object.keys(parsePeerMessage(text) ?? {})).toEqual(['t', 'id']);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('[P27] isStreamKey accepts exactly what StreamKeySchema accepts', () => {
    const keys = fc.oneof(
      fc.string(),
      word('az09-A_', 0, 18),
      fc.constantFrom<unknown>(null, 1, ['cam']),
    );
    fc.assert(
      fc.property(keys, (key) => {
        expect(isStreamKey(key)).toBe(StreamKeySchema.safeParse(key).success);
      }),
      { numRuns: 2_000 },
    );
  });
});
