import {
  type ClientToServerEvents,
  type ErrorCode,
  JoinRequestSchema,
  LIMITS,
  MAX_MESSAGE_BYTES,
  PeerTargetRequestSchema,
  PlanReadyRequestSchema,
  PROTOCOL_VERSION,
  ReportLinksRequestSchema,
  type Result,
  type ServerErrorEvent,
  SetHubRequestSchema,
  SetTopologyRequestSchema,
  SignalRequestSchema,
  UpdatePeerRequestSchema,
  UpdateRoomRequestSchema,
} from '@meshwork/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  disconnected,
  join,
  joinOk,
  type Peer,
  TEST_PUBLIC_KEY,
  useTestStack,
} from '../testing/harness';
import type { Parser } from './handler';

const { server, peer } = useTestStack();

const NO_LIMIT = { burst: 1e9, perSecond: 1e9, abuseBurst: 1e9, abusePerSecond: 1e9 };
const PARSE_CODES: ErrorCode[] = ['ERR_BAD_REQUEST', 'ERR_PAYLOAD_TOO_LARGE'];

type Emitter = (...args: unknown[]) => Promise<Result>;

/** Sends raw arguments, as a hostile client would, and waits for the ack. */
function rawEmit(p: Peer, event: string): Emitter {
  return (...args) =>
    new Promise((resolve) =>
      (p.socket.emit as (e: string, ...a: unknown[]) => void)(event, ...args, resolve),
    );
}

// What the server receives is what survives JSON; filter on that.
const wire = (value: unknown): unknown => JSON.parse(JSON.stringify([value]))[0];

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : [value];
  return value;
}

/** Payloads shaped to break a handler: wrong types, huge strings, deep nesting, `__proto__`. */
function hostile(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  const huge = fc.integer({ min: 1_000, max: 150_000 }).map((n) => 'x'.repeat(n));
  const deep = fc.integer({ min: 10, max: 3_000 }).map(nested);
  const proto = fc
    .anything({ maxDepth: 2 })
    .map((v) =>
      JSON.parse(
        `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"x":${JSON.stringify(v) ?? 'null'}}`,
      ),
    );
  const fieldValue = fc.oneof(fc.anything({ maxDepth: 3 }), huge, deep, proto);
  const mutated = fc
    .record({ key: fc.constantFrom(...keys), value: fieldValue })
    .map(({ key, value }) => ({ ...valid, [key]: value }));
  const withProto = fieldValue.map((value) =>
    JSON.parse(`{"__proto__":${JSON.stringify(value) ?? 'null'},${JSON.stringify(valid).slice(1)}`),
  );
  return fc.oneof(fc.anything(), huge, deep, proto, mutated, withProto);
}

interface FuzzCase {
  event: keyof ClientToServerEvents;
  schema: Parser<unknown>;
  valid: Record<string, unknown>;
  codes: ErrorCode[];
}

const candidate = { type: 'candidate', candidate: null };
const CASES: FuzzCase[] = [
  {
    event: 'join',
    schema: JoinRequestSchema,
    valid: {
      protocolVersion: PROTOCOL_VERSION,
      roomId: 'fuzz',
      displayName: 'F',
      publicKey: TEST_PUBLIC_KEY,
    },
    codes: [
      ...PARSE_CODES,
      'ERR_PROTOCOL_VERSION',
      'ERR_INVALID_ROOM_ID',
      'ERR_INVALID_DISPLAY_NAME',
    ],
  },
  {
    event: 'signal',
    schema: SignalRequestSchema,
    valid: { to: 'abcdefgh12', epoch: 1, signal: candidate },
    codes: PARSE_CODES,
  },
  {
    event: 'setTopology',
    schema: SetTopologyRequestSchema,
    valid: { topology: 'ring' },
    codes: PARSE_CODES,
  },
  { event: 'setHub', schema: SetHubRequestSchema, valid: { hub: null }, codes: PARSE_CODES },
  {
    event: 'updatePeer',
    schema: UpdatePeerRequestSchema,
    valid: { displayName: 'x', media: { audio: true } },
    codes: PARSE_CODES,
  },
  {
    event: 'reportLinks',
    schema: ReportLinksRequestSchema,
    valid: { links: [] },
    codes: PARSE_CODES,
  },
  { event: 'planReady', schema: PlanReadyRequestSchema, valid: { version: 1 }, codes: PARSE_CODES },
  {
    event: 'updateRoom',
    schema: UpdateRoomRequestSchema,
    valid: { locked: true, controlPolicy: 'host', password: 'pw' },
    codes: PARSE_CODES,
  },
  {
    event: 'removePeer',
    schema: PeerTargetRequestSchema,
    valid: { peer: 'abcdefgh12' },
    codes: PARSE_CODES,
  },
  {
    event: 'transferHost',
    schema: PeerTargetRequestSchema,
    valid: { peer: 'abcdefgh12' },
    codes: PARSE_CODES,
  },
];

describe('hostile payloads', () => {
  it('[P2][P3][P12] answers every malformed payload of every event with a coded error and changes nothing', async () => {
    const s = await server({ rateLimit: NO_LIMIT });
    const a = await peer(s);
    const b = await peer(s);
    await joinOk(a, 'fuzz');
    await joinOk(b, 'fuzz');
    const before = JSON.stringify(s.signal.registry.dump());
    for (const c of CASES) {
      const send = rawEmit(a, c.event);
      const malformed = hostile(c.valid).filter((v) => !c.schema.safeParse(wire(v)).success);
      await fc.assert(
        fc.asyncProperty(malformed, async (payload) => {
          const res = await send(payload);
          expect(res.ok).toBe(false);
          if (!res.ok) expect(c.codes).toContain(res.error);
        }),
        { numRuns: 60 },
      );
      // Wrong arity: too many arguments, or none besides the ack.
      const arity = await send(c.valid, 'extra');
      expect(arity).toMatchObject({ ok: false, error: 'ERR_BAD_REQUEST' });
      expect(await rawEmit(a, c.event)()).toMatchObject({ ok: false, error: 'ERR_BAD_REQUEST' });
      // Binary attachments are never a valid payload.
      expect(await send(Buffer.from('binary'))).toMatchObject({
        ok: false,
        error: 'ERR_BAD_REQUEST',
      });
    }
    expect(await rawEmit(a, 'leave')({ please: true })).toMatchObject({ error: 'ERR_BAD_REQUEST' });
    expect(JSON.stringify(s.signal.registry.dump())).toBe(before);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect(b.events.all('planPrepared')).toEqual([]);
    // Still alive, still serving.
    expect((await join(await peer(s), 'after-fuzz')).ok).toBe(true);
  }, 60_000);

  it('[P2][P3][P12] answers every malformed ack-less signal with a coded serverError and changes nothing', async () => {
    const s = await server({ rateLimit: NO_LIMIT });
    const a = await peer(s);
    const b = await peer(s);
    await joinOk(a, 'fuzz');
    await joinOk(b, 'fuzz');
    const before = JSON.stringify(s.signal.registry.dump());
    const c = CASES.find((x) => x.event === 'signal') as FuzzCase;
    const send = (...args: unknown[]) =>
      new Promise<ServerErrorEvent>((resolve) => {
        a.socket.once('serverError', resolve);
        (a.socket.emit as (e: string, ...rest: unknown[]) => void)('signal', ...args);
      });
    const malformed = hostile(c.valid).filter((v) => !c.schema.safeParse(wire(v)).success);
    await fc.assert(
      fc.asyncProperty(malformed, async (payload) => {
        expect(c.codes).toContain((await send(payload)).error);
      }),
      { numRuns: 60 },
    );
    expect(await send()).toMatchObject({ error: 'ERR_BAD_REQUEST' });
    expect(await send(c.valid, 'extra')).toMatchObject({ error: 'ERR_BAD_REQUEST' });
    expect(await send(Buffer.from('binary'))).toMatchObject({ error: 'ERR_BAD_REQUEST' });
    expect(JSON.stringify(s.signal.registry.dump())).toBe(before);
    expect(a.events.all('signalRejected')).toEqual([]);
    expect(b.events.all('signal')).toEqual([]);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  }, 60_000);

  it('[P3] answers a missing ack with a serverError event and does nothing', async () => {
    const s = await server();
    const a = await peer(s);
    await joinOk(a, 'room');
    const before = JSON.stringify(s.signal.registry.dump());
    (a.socket.emit as (e: string, p: unknown) => void)('setTopology', { topology: 'ring' });
    expect(await a.events.waitFor('serverError')).toMatchObject({ error: 'ERR_BAD_REQUEST' });
    expect(JSON.stringify(s.signal.registry.dump())).toBe(before);
  });

  it('ignores unknown events', async () => {
    const s = await server();
    const a = await peer(s);
    (a.socket.emit as (e: string, p: unknown) => void)('dropTables', { now: true });
    await joinOk(a, 'room');
    expect(a.events.all('serverError')).toEqual([]);
  });

  it('[P7] refuses an oversized SDP with ERR_PAYLOAD_TOO_LARGE and drops a connection over the transport cap', async () => {
    const s = await server();
    const a = await peer(s);
    const b = await peer(s);
    await joinOk(a, 'room');
    const rb = await joinOk(b, 'room');
    const description = (sdpChars: number) => ({
      to: rb.selfId,
      epoch: 2,
      signal: {
        type: 'description',
        description: { type: 'offer', sdp: 'v'.repeat(sdpChars) },
        manifest: [],
      },
    });
    expect(await rawEmit(a, 'signal')(description(LIMITS.sdpMaxChars + 1))).toMatchObject({
      ok: false,
      error: 'ERR_PAYLOAD_TOO_LARGE',
    });
    const gone = disconnected(a);
    (a.socket.emit as (e: string, p: unknown) => void)(
      'signal',
      description(3 * MAX_MESSAGE_BYTES),
    );
    await gone;
    expect(b.events.all('signal')).toEqual([]);
    expect((await join(await peer(s), 'room')).ok).toBe(true);
  });
});
