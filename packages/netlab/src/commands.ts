import { HOST_DEVICE } from './names';

/** One command to run: an argv (no shell) and what to write to its stdin. */
export interface Command {
  argv: readonly string[];
  input?: string;
}

/** Paths of the tools, so a test installer's `NFT_PATH` can point elsewhere. */
export interface Tools {
  ip: string;
  tc: string;
  nft: string;
}

/** The nftables table netlab adds in a host namespace for loss. */
export const LOSS_TABLE = 'netlab';

const cmd = (...argv: string[]): Command => ({ argv });

/** Creates a named namespace with `lo` up. */
export function addNamespace(t: Tools, ns: string): Command[] {
  return [cmd(t.ip, 'netns', 'add', ns), cmd(t.ip, '-n', ns, 'link', 'set', 'lo', 'up')];
}

/** Deletes a named namespace (its veth ends go with it). */
export function deleteNamespace(t: Tools, ns: string): Command {
  return cmd(t.ip, 'netns', 'delete', ns);
}

/** Lists the named namespaces (`ip netns list`). */
export function listNamespaces(t: Tools): Command {
  return cmd(t.ip, 'netns', 'list');
}

/** A bridge with the switch's address in the switch namespace. */
export function addBridge(t: Tools, ns: string, bridge: string, cidr: string): Command[] {
  return [
    cmd(t.ip, '-n', ns, 'link', 'add', bridge, 'type', 'bridge'),
    cmd(t.ip, '-n', ns, 'addr', 'add', cidr, 'dev', bridge),
    cmd(t.ip, '-n', ns, 'link', 'set', bridge, 'up'),
  ];
}

/** Where one host plugs into the switch. */
export interface HostPort {
  switchNs: string;
  bridge: string;
  hostNs: string;
  /** The veth end left in the switch namespace, enslaved to the bridge. */
  switchEnd: string;
  /** The other end's name until it is moved into the host and renamed `eth0`. */
  hostEnd: string;
  /** The host's address with its prefix, for example `10.77.0.10/24`. */
  cidr: string;
  /** The switch's address: the host's default route goes there. */
  gateway: string;
}

/**
 * A veth pair made in the switch namespace: one end on the bridge, the other moved into the
 * host, renamed `eth0`, addressed and given a default route to the switch (Firefox needs a
 * default route to gather candidates; nothing routes past the switch).
 */
export function plugHost(t: Tools, p: HostPort): Command[] {
  const sw = (...a: string[]) => cmd(t.ip, '-n', p.switchNs, ...a);
  const host = (...a: string[]) => cmd(t.ip, '-n', p.hostNs, ...a);
  return [
    sw('link', 'add', p.switchEnd, 'type', 'veth', 'peer', 'name', p.hostEnd),
    sw('link', 'set', p.hostEnd, 'netns', p.hostNs),
    sw('link', 'set', p.switchEnd, 'master', p.bridge),
    sw('link', 'set', p.switchEnd, 'up'),
    host('link', 'set', p.hostEnd, 'name', HOST_DEVICE),
    host('addr', 'add', p.cidr, 'dev', HOST_DEVICE),
    host('link', 'set', HOST_DEVICE, 'up'),
    host('route', 'add', 'default', 'via', p.gateway),
  ];
}

/** Sets a host's network device down (a cut: nothing is closed) or up (restored). */
export function setLink(t: Tools, ns: string, up: boolean): Command {
  return cmd(t.ip, '-n', ns, 'link', 'set', HOST_DEVICE, up ? 'up' : 'down');
}

/** Re-adds the default route, which the kernel drops while the device is down. */
export function defaultRoute(t: Tools, ns: string, gateway: string): Command {
  return cmd(t.ip, '-n', ns, 'route', 'replace', 'default', 'via', gateway);
}

/** The nftables script dropping `percent` % of a host's packets each way, at random. */
export function lossScript(percent: number): string {
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) {
    throw new RangeError(`Loss must be an integer percent 0-100, got ${percent}`);
  }
  const rule = `numgen random mod 100 < ${percent} drop`;
  // Deleting first makes a change of rate replace the rules instead of adding to them.
  return [
    `table inet ${LOSS_TABLE}`,
    `delete table inet ${LOSS_TABLE}`,
    `table inet ${LOSS_TABLE} {`,
    `  chain out { type filter hook output priority 0; policy accept; oifname "${HOST_DEVICE}" ${rule}; }`,
    `  chain in { type filter hook input priority 0; policy accept; iifname "${HOST_DEVICE}" ${rule}; }`,
    '}',
    '',
  ].join('\n');
}

/** Sets random loss on a host (0 removes it). */
export function setLoss(t: Tools, ns: string, percent: number): Command {
  const script =
    percent === 0
      ? `table inet ${LOSS_TABLE}\ndelete table inet ${LOSS_TABLE}\n`
      : lossScript(percent);
  return { argv: [t.ip, 'netns', 'exec', ns, t.nft, '-f', '-'], input: script };
}

/** Limits what a host sends to `kbit` kbit/s with a token bucket (0 removes the limit). */
export function setRate(t: Tools, ns: string, kbit: number): Command {
  if (!Number.isInteger(kbit) || kbit < 0) throw new RangeError(`Bad rate ${kbit} kbit/s`);
  if (kbit === 0) return cmd(t.tc, '-n', ns, 'qdisc', 'del', 'dev', HOST_DEVICE, 'root');
  // A burst of at least 32 kbit (or 1/50 s of the rate) keeps tbf from refusing small rates.
  const burst = Math.max(32, Math.ceil(kbit / 50));
  return cmd(
    t.tc,
    '-n',
    ns,
    'qdisc',
    'replace',
    'dev',
    HOST_DEVICE,
    'root',
    'tbf',
    'rate',
    `${kbit}kbit`,
    'burst',
    `${burst}kbit`,
    'latency',
    '400ms',
  );
}

/** Runs `argv` inside a namespace. */
export function inNamespace(t: Tools, ns: string, argv: readonly string[]): string[] {
  return [t.ip, 'netns', 'exec', ns, ...argv];
}
