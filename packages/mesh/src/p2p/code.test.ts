import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeCode,
  encodeCode,
  encodeSummary,
  P2P_CODE_MAX_AGE_MS,
  P2P_CODE_PREFIX,
} from './code';
import { type CallSummary, summarise } from './sdp';

const FINGERPRINT =
  'E7:3A:41:0C:9B:22:7F:10:AA:55:01:FE:3C:88:19:6D:42:B0:77:E1:09:CD:5A:33:98:0F:21:6B:D4:8E:71:C2';
/** A local offer as Chromium writes it once gathering completed (trimmed of nothing). */
const CHROMIUM_OFFER = [
  'v=0',
  'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0',
  'a=extmap-allow-mixed',
  'a=msid-semantic: WMS',
  'm=application 50123 UDP/DTLS/SCTP webrtc-datachannel',
  'c=IN IP4 127.0.0.1',
  'a=candidate:3311059452 1 udp 2113937151 127.0.0.1 50123 typ host generation 0 network-cost 999',
  'a=candidate:1234 1 udp 2113937151 4a2f.local 50124 typ host generation 0',
  'a=candidate:842163049 1 udp 1677729535 203.0.113.7 61000 typ srflx raddr 127.0.0.1 rport 50123 generation 0',
  'a=candidate:4233069003 1 tcp 1518157055 127.0.0.1 9 typ host tcptype active generation 0',
  'a=candidate:4233069004 1 tcp 1518157055 127.0.0.1 41000 typ host tcptype passive generation 0',
  'a=candidate:99 1 udp 41885439 198.51.100.2 3478 typ relay raddr 0.0.0.0 rport 0',
  'a=ice-ufrag:Xq7w',
  'a=ice-pwd:c1p7V0k8rT2hG5yN3mQ9zL4e',
  'a=ice-options:trickle',
  `a=fingerprint:sha-256 ${FINGERPRINT}`,
  'a=setup:actpass',
  'a=mid:0',
  'a=sctp-port:5000',
  'a=max-message-size:262144',
  '',
].join('\r\n');

const NOW = Date.UTC(2026, 11, 1, 11, 0, 0);

async function decodeOk(code: string, now = NOW) {
  const decoded = await decodeCode(code, now);
  if (!decoded.ok) throw new Error(decoded.error);
  return decoded;
}

describe('p2p code', () => {
  it('keeps only ufrag, pwd, fingerprint, setup and usable candidates', () => {
    const summary = summarise('offer', CHROMIUM_OFFER);
    expect(summary).toMatchObject({
      type: 'offer',
      ufrag: 'Xq7w',
      pwd: 'c1p7V0k8rT2hG5yN3mQ9zL4e',
      setup: 'actpass',
      candidates: [
        { type: 'host', ip: '127.0.0.1', port: 50123, protocol: 'udp' },
        { type: 'srflx', ip: '203.0.113.7', port: 61000, protocol: 'udp' },
        { type: 'host', ip: '127.0.0.1', port: 41000, protocol: 'tcp' },
      ],
    });
    expect(summary?.fingerprint.length).toBe(32);
  });

  it('round-trips into a data-channel SDP with the same credentials and candidates', async () => {
    const code = await encodeCode({ type: 'offer', sdp: CHROMIUM_OFFER }, NOW);
    expect(code.startsWith(P2P_CODE_PREFIX)).toBe(true);
    expect(code).toMatch(/^MW1\.[A-Za-z0-9_-]+$/);
    expect(code.length).toBeLessThan(300);
    const decoded = await decodeOk(code, NOW + 1000);
    expect(decoded.description.type).toBe('offer');
    const sdp = decoded.description.sdp;
    expect(sdp).toContain('m=application 9 UDP/DTLS/SCTP webrtc-datachannel');
    expect(sdp).toContain('a=ice-ufrag:Xq7w\r\n');
    expect(sdp).toContain('a=ice-pwd:c1p7V0k8rT2hG5yN3mQ9zL4e\r\n');
    expect(sdp).toContain(`a=fingerprint:sha-256 ${FINGERPRINT}\r\n`);
    expect(sdp).toContain('a=setup:actpass\r\n');
    expect(sdp).toMatch(/a=candidate:1 1 udp \d+ 127\.0\.0\.1 50123 typ host\r\n/);
    expect(sdp).toMatch(/a=candidate:2 1 udp \d+ 203\.0\.113\.7 61000 typ srflx raddr/);
    expect(sdp).toMatch(/a=candidate:3 1 tcp \d+ 127\.0\.0\.1 41000 typ host tcptype passive/);
    expect(summarise('offer', sdp)).toEqual(summarise('offer', CHROMIUM_OFFER));
  });

  it('refuses to encode a description with media sections', async () => {
    const withVideo = `${CHROMIUM_OFFER}m=video 9 UDP/TLS/RTP/SAVPF 96\r\n`;
    await expect(encodeCode({ type: 'offer', sdp: withVideo }, NOW)).rejects.toThrow(TypeError);
  });

  const good = encodeCode(
    { type: 'answer', sdp: CHROMIUM_OFFER.replace('actpass', 'active') },
    NOW,
  );

  it.each([
    ['empty', '', 'ERR_P2P_CODE_MALFORMED'],
    ['no prefix', 'hello there', 'ERR_P2P_CODE_MALFORMED'],
    ['another version', 'MW2.abcdef', 'ERR_P2P_CODE_VERSION'],
    ['bad base64', 'MW1.!!!!', 'ERR_P2P_CODE_MALFORMED'],
    ['not deflate', 'MW1.AAAAAAAAAAAA', 'ERR_P2P_CODE_MALFORMED'],
    ['only a prefix', 'MW1.', 'ERR_P2P_CODE_MALFORMED'],
    ['far too long', `MW1.${'A'.repeat(5000)}`, 'ERR_P2P_CODE_MALFORMED'],
  ])('a code that is %s gives %s', async (_what, code, error) => {
    expect(await decodeCode(code, NOW)).toEqual({ ok: false, error });
  });

  it('a truncated code is malformed', async () => {
    const code = await good;
    expect(await decodeCode(code.slice(0, -8), NOW)).toEqual({
      ok: false,
      error: 'ERR_P2P_CODE_MALFORMED',
    });
  });

  it('a deflate bomb stops at the inflate bound and is malformed', async () => {
    const huge = new TextEncoder().encode(`[${' '.repeat(1_000_000)}]`);
    const writer = new CompressionStream('deflate-raw');
    const out = new Blob([huge]).stream().pipeThrough(writer);
    const bytes = new Uint8Array(await new Response(out).arrayBuffer());
    expect(bytes.length).toBeLessThan(3_000);
    const b64 = btoa(String.fromCharCode(...bytes))
      .replaceAll('+', '-')
      .replaceAll('/', '_');
    expect(await decodeCode(`MW1.${b64.replace(/=+$/, '')}`, NOW)).toEqual({
      ok: false,
      error: 'ERR_P2P_CODE_MALFORMED',
    });
  });

  it('valid deflate of the wrong shape is malformed', async () => {
    const json = new TextEncoder().encode(JSON.stringify({ hello: 'world' }));
    const out = new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    const bytes = new Uint8Array(await new Response(out).arrayBuffer());
    const b64 = btoa(String.fromCharCode(...bytes))
      .replaceAll('+', '-')
      .replaceAll('/', '_');
    expect(await decodeCode(`MW1.${b64.replace(/=+$/, '')}`, NOW)).toEqual({
      ok: false,
      error: 'ERR_P2P_CODE_MALFORMED',
    });
  });

  it('a code older than the maximum age, or from the far future, is stale', async () => {
    const code = await good;
    expect((await decodeCode(code, NOW + P2P_CODE_MAX_AGE_MS - 1000)).ok).toBe(true);
    expect(await decodeCode(code, NOW + P2P_CODE_MAX_AGE_MS + 1000)).toEqual({
      ok: false,
      error: 'ERR_P2P_CODE_STALE',
    });
    expect(await decodeCode(code, NOW - 60 * 60_000)).toEqual({
      ok: false,
      error: 'ERR_P2P_CODE_STALE',
    });
  });

  it('survives line breaks and spaces a mail client adds', async () => {
    const code = await good;
    const wrapped = code.replace(/(.{40})/g, '$1\n ');
    expect((await decodeOk(wrapped)).description.type).toBe('answer');
  });

  it('property: any summary round-trips', async () => {
    const token = fc.stringMatching(/^[A-Za-z0-9+/]{4,64}$/);
    const ipv4 = fc
      .tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255))
      .map((p) => p.join('.'));
    const candidate = fc.record({
      type: fc.constantFrom('host' as const, 'srflx' as const),
      ip: ipv4,
      port: fc.integer({ min: 1, max: 65_535 }),
      protocol: fc.constantFrom('udp' as const, 'tcp' as const),
    });
    const summary = fc.record({
      type: fc.constantFrom('offer' as const, 'answer' as const),
      ufrag: token,
      pwd: token,
      fingerprint: fc.uint8Array({ minLength: 32, maxLength: 32 }),
      setup: fc.constantFrom('actpass' as const, 'active' as const, 'passive' as const),
      candidates: fc.array(candidate, { maxLength: 8 }),
    });
    await fc.assert(
      fc.asyncProperty(summary, async (s: CallSummary) => {
        const decoded = await decodeOk(await encodeSummary(s, NOW));
        expect(summarise(s.type, decoded.description.sdp)).toEqual(s);
      }),
      { numRuns: 100 },
    );
  });

  it('property: no pasted text throws', async () => {
    const text = fc.oneof(
      fc.string(),
      fc.string().map((s) => `MW1.${s}`),
      fc.base64String().map((s) => `MW1.${s}`),
    );
    await fc.assert(
      fc.asyncProperty(text, async (t) => {
        const decoded = await decodeCode(t, NOW);
        expect(typeof decoded.ok).toBe('boolean');
      }),
      { numRuns: 200 },
    );
  });
});
