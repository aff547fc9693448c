import type { P2pCodePayload } from '@meshwork/protocol';
import { fromBase64Url as bytesOfBase64Url, toBase64Url } from '../runtime/dataPlane/bytes';

/** What a data-channel-only description needs, read from a full local SDP. */
export interface CallSummary {
  type: 'offer' | 'answer';
  ufrag: string;
  pwd: string;
  /** The DTLS SHA-256 fingerprint, 32 bytes. */
  fingerprint: Uint8Array;
  setup: 'actpass' | 'active' | 'passive';
  candidates: readonly SummaryCandidate[];
}

/** One ICE candidate a code keeps. */
export interface SummaryCandidate {
  type: 'host' | 'srflx';
  ip: string;
  port: number;
  protocol: 'udp' | 'tcp';
}

const SETUP_LETTERS = { actpass: 'a', active: 'c', passive: 'p' } as const;
const SETUP_BY_LETTER = { a: 'actpass', c: 'active', p: 'passive' } as const;
/** RFC 8445 type preferences, so rebuilt candidates keep their order. */
const TYPE_PREFERENCE = { host: 126, srflx: 100 } as const;

function attribute(sdp: string, name: string): string | undefined {
  const match = new RegExp(`^a=${name}:(.+)$`, 'm').exec(sdp);
  return match?.[1]?.trim();
}

function parseCandidate(line: string): SummaryCandidate | null {
  // candidate:<foundation> <component> <protocol> <priority> <ip> <port> typ <type> ...
  const parts = line.split(' ');
  const [, component, protocol, , ip, port, typ, type] = parts;
  if (component !== '1' || typ !== 'typ' || !ip || !port) return null;
  if (type !== 'host' && type !== 'srflx') return null;
  if (ip.endsWith('.local')) return null; // mDNS names cannot be resolved by the other side
  const proto = protocol?.toLowerCase();
  if (proto === 'tcp') {
    const tcptype = parts[parts.indexOf('tcptype') + 1];
    if (!parts.includes('tcptype') || tcptype !== 'passive') return null;
  } else if (proto !== 'udp') return null;
  return { type, ip, port: Number(port), protocol: proto };
}

/** Reads the fields a code keeps; `null` when the SDP is not a single data-channel section. */
export function summarise(type: 'offer' | 'answer', sdp: string): CallSummary | null {
  const sections = sdp.split(/^m=/m).length - 1;
  if (sections !== 1 || !/^m=application /m.test(sdp)) return null;
  const ufrag = attribute(sdp, 'ice-ufrag');
  const pwd = attribute(sdp, 'ice-pwd');
  const fingerprint = attribute(sdp, 'fingerprint');
  const setup = attribute(sdp, 'setup');
  if (!ufrag || !pwd || !fingerprint || !setup) return null;
  const [algorithm, hex] = fingerprint.split(' ');
  if (algorithm?.toLowerCase() !== 'sha-256' || !hex) return null;
  const bytes = hex.split(':').map((h) => Number.parseInt(h, 16));
  if (bytes.length !== 32 || bytes.some((b) => Number.isNaN(b))) return null;
  if (setup !== 'actpass' && setup !== 'active' && setup !== 'passive') return null;
  const candidates: SummaryCandidate[] = [];
  for (const match of sdp.matchAll(/^a=candidate:(.+)$/gm)) {
    const candidate = parseCandidate(match[1]?.trim() ?? '');
    if (candidate) candidates.push(candidate);
  }
  return { type, ufrag, pwd, fingerprint: Uint8Array.from(bytes), setup, candidates };
}

/** Decodes unpadded base64url into bytes; `null` for anything else. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    return bytesOfBase64Url(text);
  } catch {
    return null;
  }
}

/** Encodes bytes as unpadded base64url. */
export { toBase64Url };

/** The compact payload of a summary made at `createdAtMs`. */
export function toPayload(summary: CallSummary, createdAtMs: number): P2pCodePayload {
  return [
    Math.floor(createdAtMs / 1000),
    summary.type === 'offer' ? 'o' : 'a',
    summary.ufrag,
    summary.pwd,
    toBase64Url(summary.fingerprint),
    SETUP_LETTERS[summary.setup],
    summary.candidates.map((c) => [
      c.type === 'host' ? 'h' : 's',
      c.ip,
      c.port,
      c.protocol === 'udp' ? 'u' : 't',
    ]),
  ];
}

/** The summary a parsed payload carries. */
export function fromPayload(payload: P2pCodePayload): CallSummary {
  const [, type, ufrag, pwd, fingerprint, setup, candidates] = payload;
  return {
    type: type === 'o' ? 'offer' : 'answer',
    ufrag,
    pwd,
    fingerprint: fromBase64Url(fingerprint) ?? new Uint8Array(32),
    setup: SETUP_BY_LETTER[setup],
    candidates: candidates.map(([t, ip, port, p]) => ({
      type: t === 'h' ? 'host' : 'srflx',
      ip,
      port,
      protocol: p === 'u' ? 'udp' : 'tcp',
    })),
  };
}

function candidateLine(c: SummaryCandidate, index: number): string {
  const localPreference = (c.protocol === 'udp' ? 65_535 : 32_767) - index;
  const priority = TYPE_PREFERENCE[c.type] * 2 ** 24 + localPreference * 2 ** 8 + 255;
  const related = c.type === 'srflx' ? ' raddr 0.0.0.0 rport 0' : '';
  const tcp = c.protocol === 'tcp' ? ' tcptype passive' : '';
  return `a=candidate:${index + 1} 1 ${c.protocol} ${priority} ${c.ip} ${c.port} typ ${c.type}${related}${tcp}`;
}

/** A valid data-channel-only SDP (mid `0`) rebuilt from a summary. */
export function buildSdp(summary: CallSummary): string {
  const hex = [...summary.fingerprint].map((b) => b.toString(16).padStart(2, '0').toUpperCase());
  const lines = [
    'v=0',
    'o=- 1 2 IN IP4 127.0.0.1',
    's=-',
    't=0 0',
    'a=group:BUNDLE 0',
    'a=msid-semantic: WMS',
    'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
    'c=IN IP4 0.0.0.0',
    ...summary.candidates.map(candidateLine),
    'a=end-of-candidates',
    `a=ice-ufrag:${summary.ufrag}`,
    `a=ice-pwd:${summary.pwd}`,
    'a=ice-options:trickle',
    `a=fingerprint:sha-256 ${hex.join(':')}`,
    `a=setup:${summary.setup}`,
    'a=mid:0',
    'a=sctp-port:5000',
    'a=max-message-size:262144',
  ];
  return `${lines.join('\r\n')}\r\n`;
}
