import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRequestSchemas } from './compiled';
import {
  E2eeKeyRequestSchema,
  JoinRequestSchema,
  PlanReadyRequestSchema,
  ReportLinksRequestSchema,
  SetHubRequestSchema,
  SetTopologyRequestSchema,
  UpdatePeerRequestSchema,
} from './messages';
import { SignalRequestSchema } from './signal';
import { TEST_PUBLIC_KEY, TEST_SIGNATURE } from './testing/keys';

const RUNTIME = {
  join: JoinRequestSchema,
  signal: SignalRequestSchema,
  setTopology: SetTopologyRequestSchema,
  setHub: SetHubRequestSchema,
  updatePeer: UpdatePeerRequestSchema,
  reportLinks: ReportLinksRequestSchema,
  planReady: PlanReadyRequestSchema,
  e2eeKey: E2eeKeyRequestSchema,
};
const COMPILED = compileRequestSchemas();

const candidate = {
  type: 'candidate',
  candidate: {
    candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 54321 typ host',
    sdpMid: '0',
    sdpMLineIndex: 0,
    usernameFragment: 'ufrag',
  },
};
const description = {
  type: 'description',
  description: { type: 'offer', sdp: 'v=0\r\n' },
  manifest: [{ mid: '0', origin: 'peerA-0001', stream: 'cam', kind: 'video' }],
};

/** Valid payloads of each event; the properties below mutate them. */
const VALID: Record<keyof typeof RUNTIME, Array<Record<string, unknown>>> = {
  join: [
    { protocolVersion: 2, roomId: 'brave-otter', displayName: 'Ada', publicKey: TEST_PUBLIC_KEY },
    {
      protocolVersion: 2,
      publicKey: TEST_PUBLIC_KEY,
      roomId: 'brave-otter',
      displayName: 'Ada',
      password: 'pw',
      media: { audio: true, video: false, screen: false },
      resume: { planVersion: 3, topology: 'ring', hubPreference: null },
    },
  ],
  signal: [
    { to: 'peerB-0002', epoch: 1, signal: candidate },
    { to: 'peerB-0002', epoch: 2, signal: { type: 'candidate', candidate: null } },
    { to: 'peerB-0002', epoch: 3, signal: description },
    { to: 'peerB-0002', epoch: 0, signal: { type: 'ice-restart' } },
  ],
  setTopology: [{ topology: 'ring' }],
  setHub: [{ hub: null }, { hub: 'peerB-0002' }],
  updatePeer: [{ displayName: 'Bo', media: { audio: false } }],
  reportLinks: [{ links: [{ peer: 'peerB-0002', state: 'connected', rttMs: 12 }] }],
  planReady: [{ version: 2 }],
  e2eeKey: [
    {
      to: 'peerB-0002',
      message: {
        t: 'e2ee-key',
        from: 'peerA-0001',
        to: 'peerB-0002',
        keyId: 7,
        dh: TEST_PUBLIC_KEY,
        wrapped: 'w'.repeat(80),
        sig: TEST_SIGNATURE,
      },
    },
  ],
};

type Parsed = { success: boolean; data?: unknown; error?: { issues: readonly unknown[] } };

/** What a caller can observe of a parse: success, the value and its prototype, or the issues. */
function observed(result: Parsed) {
  if (result.success) {
    const proto = Object.getPrototypeOf(result.data as object);
    return { success: true, data: result.data, plainProto: proto === Object.prototype };
  }
  return { success: false, issues: JSON.parse(JSON.stringify(result.error?.issues)) };
}

function mutations(valid: Record<string, unknown>[]): fc.Arbitrary<unknown> {
  const junk = fc.oneof(fc.anything({ maxDepth: 3 }), fc.string({ maxLength: 2_000 }));
  const base = fc.constantFrom(...valid);
  const replaced = fc.tuple(base, fc.nat(), junk).map(([v, i, value]) => {
    const keys = Object.keys(v);
    return { ...v, [keys[i % keys.length] as string]: value };
  });
  const signalPart = fc
    .tuple(base, fc.constantFrom('type', 'candidate', 'description', 'manifest'), junk)
    .map(([v, key, value]) =>
      typeof v.signal === 'object' && v.signal !== null
        ? { ...v, signal: { ...v.signal, [key]: value } }
        : v,
    );
  const extraKeys = fc
    .tuple(base, fc.dictionary(fc.string(), fc.jsonValue()))
    .map(([v, extra]) => ({ ...extra, ...v }));
  const withProto = base.map((v) =>
    JSON.parse(`{"__proto__":{"polluted":true},${JSON.stringify(v).slice(1)}`),
  );
  return fc.oneof(base, replaced, signalPart, extraKeys, withProto, fc.anything());
}

describe.each(Object.keys(RUNTIME) as Array<keyof typeof RUNTIME>)('compiled %s schema', (name) => {
  it('[P2][P12] parses every payload exactly as the runtime schema does', () => {
    const runtime = RUNTIME[name] as { safeParse(v: unknown): Parsed };
    const compiled = COMPILED[name] as { safeParse(v: unknown): Parsed };
    for (const v of VALID[name]) expect(compiled.safeParse(v).success).toBe(true);
    fc.assert(
      fc.property(mutations(VALID[name]), (payload) => {
        expect(observed(compiled.safeParse(payload))).toEqual(observed(runtime.safeParse(payload)));
      }),
      { numRuns: 300 },
    );
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
