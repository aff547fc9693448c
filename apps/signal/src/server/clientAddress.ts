import { isIP } from 'node:net';

/** What the address is read from: the handshake's headers and its TCP peer. */
export interface HandshakeLike {
  /** Undefined when the TCP socket closed before it was read (a client gone mid-handshake). */
  address: string | undefined;
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

function expandIpv6(ip: string): string[] {
  const [head = '', tail = ''] = ip.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = ip.includes('::') && tail !== '' ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  const groups = ip.includes('::') ? [...left, ...Array(missing).fill('0'), ...right] : left;
  return groups.map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''));
}

/**
 * The key limits are counted under ([P18]): an IPv4 address (IPv4-mapped IPv6 unwrapped), or an
 * IPv6 address's /64, since one host is routinely handed a whole /64 and could rotate through it.
 * Anything unparseable counts as itself.
 */
export function addressKey(ip: string): string {
  const bare = ip.trim().replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped?.[1] !== undefined) return mapped[1];
  if (isIP(bare) !== 6) return bare;
  // A zone id (fe80::1%eth0) names an interface, not a host.
  const groups = expandIpv6(bare.split('%')[0] ?? bare);
  return `${groups.slice(0, 4).join(':')}::/64`;
}

/** The key of a connection whose TCP peer closed before its address was read. */
export const UNKNOWN_ADDRESS = 'unknown';

/**
 * The client's address: the TCP peer, or with `trustProxy` the last `X-Forwarded-For` entry,
 * the one the trusted proxy in front appended (earlier entries are whatever the client sent).
 */
export function clientAddress(handshake: HandshakeLike, trustProxy: boolean): string {
  if (trustProxy) {
    const header = handshake.headers['x-forwarded-for'];
    const raw = Array.isArray(header) ? header.join(',') : header;
    const last = raw
      ?.split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .pop();
    if (last !== undefined && isIP(last.replace(/^\[|\]$/g, '').split('%')[0] ?? '') !== 0)
      return addressKey(last);
  }
  return addressKey(handshake.address ?? UNKNOWN_ADDRESS);
}
