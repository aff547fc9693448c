import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  JoinRequestSchema,
  PlanReadyRequestSchema,
  ReportLinksRequestSchema,
  SetHubRequestSchema,
  SetTopologyRequestSchema,
  UpdatePeerRequestSchema,
} from './messages';
import { DisplayNameSchema, RoomIdSchema } from './primitives';
import { SignalRequestSchema } from './signal';
import { TEST_PUBLIC_KEY } from './testing/keys';

/** Every schema the server parses a client event with. */
const CLIENT_SCHEMAS = {
  join: JoinRequestSchema,
  signal: SignalRequestSchema,
  setTopology: SetTopologyRequestSchema,
  setHub: SetHubRequestSchema,
  updatePeer: UpdatePeerRequestSchema,
  reportLinks: ReportLinksRequestSchema,
  planReady: PlanReadyRequestSchema,
  roomId: RoomIdSchema,
  displayName: DisplayNameSchema,
};

const valid: Record<keyof typeof CLIENT_SCHEMAS, unknown> = {
  join: {
    protocolVersion: 2,
    roomId: 'brave-otter',
    displayName: 'Ada',
    publicKey: TEST_PUBLIC_KEY,
  },
  signal: { to: 'peerB-0002', epoch: 1, signal: { type: 'ice-restart' } },
  setTopology: { topology: 'ring' },
  setHub: { hub: null },
  updatePeer: { media: { audio: false } },
  reportLinks: { links: [{ peer: 'peerB-0002', state: 'failed' }] },
  planReady: { version: 2 },
  roomId: 'brave-otter',
  displayName: 'Ada',
};

function nested(depth: number, leaf: unknown, wrap: (inner: unknown) => unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = wrap(value);
  return value;
}

describe.each(Object.entries(CLIENT_SCHEMAS))('%s schema', (name, schema) => {
  it('[P12] safeParse never throws on arbitrary JSON-like junk', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (junk) => {
        expect(() => schema.safeParse(junk)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('[P12] own __proto__ and constructor keys are stripped and pollute nothing', () => {
    const base = valid[name as keyof typeof CLIENT_SCHEMAS];
    if (typeof base !== 'object' || base === null) return;
    const hostile = JSON.parse(
      JSON.stringify(base).replace(
        /^\{/,
        '{"__proto__":{"polluted":true,"ok":true},"constructor":{"prototype":{"polluted":true}},',
      ),
    );
    expect(Object.hasOwn(hostile, '__proto__')).toBe(true);
    const result = schema.safeParse(hostile);
    expect(result.success).toBe(true);
    expect(Object.hasOwn(result.data as object, '__proto__')).toBe(false);
    expect(Object.hasOwn(result.data as object, 'constructor')).toBe(false);
    expect(Object.getPrototypeOf(result.data)).toBe(Object.prototype);
    expect((result.data as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('[P12] deeply nested junk is rejected in a field and dropped as an unknown key', () => {
    const deepObject = nested(50_000, 'x', (inner) => ({ a: inner }));
    const deepArray = nested(50_000, [], (inner) => [inner]);
    for (const junk of [deepObject, deepArray]) {
      const alone = schema.safeParse(junk);
      // Only a schema whose fields are all optional may accept it, and then as an empty object.
      if (alone.success) expect(alone.data).toEqual({});
      if (name !== 'updatePeer') expect(alone.success).toBe(false);
      const base = valid[name as keyof typeof CLIENT_SCHEMAS];
      if (typeof base !== 'object' || base === null) continue;
      const result = schema.safeParse({ ...base, junk });
      expect(result.success).toBe(true);
      expect(result.data).not.toHaveProperty('junk');
    }
  });
});

describe('nested fields', () => {
  it('[P12] deep junk inside a known field fails that field, not the process', () => {
    const deep = nested(50_000, 'x', (inner) => [inner]);
    const signal = { type: 'description', description: { type: 'offer', sdp: '' }, manifest: deep };
    expect(SignalRequestSchema.safeParse({ to: 'peerB-0002', epoch: 1, signal }).success).toBe(
      false,
    );
    const links = [{ peer: 'peerB-0002', state: 'failed', rttMs: deep }];
    expect(ReportLinksRequestSchema.safeParse({ links }).success).toBe(false);
  });

  it('[P12] unknown keys inside nested objects are stripped too', () => {
    const req = JSON.parse(
      '{"to":"peerB-0002","epoch":1,"signal":{"type":"candidate","candidate":{"candidate":"c","__proto__":{"x":1},"extra":2}}}',
    );
    const result = SignalRequestSchema.safeParse(req);
    expect(result.data).toEqual({
      to: 'peerB-0002',
      epoch: 1,
      signal: { type: 'candidate', candidate: { candidate: 'c' } },
    });
  });
});
