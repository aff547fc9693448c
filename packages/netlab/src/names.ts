/** Every name netlab makes starts with this, so leftovers can be found and swept. */
export const NAME_PREFIX = 'mwl';

/** Longest interface name Linux accepts (IFNAMSIZ - 1). */
export const IFNAME_MAX = 15;

/**
 * The names of one network: namespaces `mwl<pid>n<seq>-<host>`, interfaces short enough for
 * IFNAMSIZ. The pid makes them unique on the machine (named namespaces are global across
 * network namespaces, since `/run/netns` is shared) and lets a sweep tell whose they are.
 */
export interface NetworkNames {
  /** The network's own tag, `mwl<pid>n<seq>`. */
  tag: string;
  /** The switch namespace. */
  switchNs: string;
  /** The bridge inside the switch namespace. */
  bridge: string;
  /** The namespace of host `index`. */
  hostNs(index: number): string;
  /** The switch-side end of host `index`'s veth (in the switch namespace). */
  switchEnd(index: number): string;
  /** The host-side end of the veth before it is moved and renamed. */
  hostEnd(index: number): string;
}

/** The device name each host sees for its network. */
export const HOST_DEVICE = 'eth0';

/** Names for network number `seq` of process `pid`. */
export function networkNames(pid: number, seq: number): NetworkNames {
  const tag = `${NAME_PREFIX}${pid}n${seq}`;
  const short = `${pid.toString(36)}${seq.toString(36)}`;
  if (`m${short}s999`.length > IFNAME_MAX) throw new RangeError(`pid ${pid} too large for names`);
  return {
    tag,
    switchNs: `${tag}-sw`,
    bridge: 'br0',
    hostNs: (i) => `${tag}-h${i}`,
    switchEnd: (i) => `m${short}s${i}`,
    hostEnd: (i) => `m${short}h${i}`,
  };
}

/** The owning pid of a netlab namespace name, or null for any other name. */
export function ownerOf(name: string): number | null {
  const match = new RegExp(`^${NAME_PREFIX}(\\d+)n\\d+-`).exec(name);
  return match ? Number(match[1]) : null;
}
