/** A /24 of the test's own hosts: the switch is .1, host i is .(10 + i). */
export interface Subnet {
  /** The first three octets, for example `10.77.0`. */
  base: string;
}

/** The default subnet: private, and only ever inside namespaces a test made. */
export const DEFAULT_SUBNET: Subnet = { base: '10.77.0' };

/** Hosts a /24 of this layout holds (.10 to .254). */
export const MAX_HOSTS = 245;

/** Parses `a.b.c` or `a.b.c.0/24` into a subnet, refusing anything else. */
export function parseSubnet(text: string): Subnet {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\.0\/24)?$/.exec(text);
  const octets = match?.slice(1, 4).map(Number) ?? [];
  if (octets.length !== 3 || octets.some((o) => o > 255)) {
    throw new RangeError(`Not a /24 subnet: ${text}`);
  }
  return { base: octets.join('.') };
}

/** The switch's address (the signal app listens here). */
export function switchAddress(subnet: Subnet): string {
  return `${subnet.base}.1`;
}

/** Host `index`'s address. */
export function hostAddress(subnet: Subnet, index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_HOSTS) {
    throw new RangeError(`Host index ${index} out of range 0-${MAX_HOSTS - 1}`);
  }
  return `${subnet.base}.${10 + index}`;
}
