import { describe, expect, it } from 'vitest';
import { hostAddress, parseSubnet, switchAddress } from './addresses';
import { lossScript, plugHost, setLink, setLoss, setRate } from './commands';
import { IFNAME_MAX, networkNames, ownerOf } from './names';
import { leftovers } from './sweep';

const tools = { ip: 'ip', tc: 'tc', nft: '/usr/sbin/nft' };

describe('netlab commands', () => {
  it('a cut sets the host device down and a restore up, in the host namespace', () => {
    expect(setLink(tools, 'ns1', false).argv).toEqual([
      'ip',
      '-n',
      'ns1',
      'link',
      'set',
      'eth0',
      'down',
    ]);
    expect(setLink(tools, 'ns1', true).argv).toEqual([
      'ip',
      '-n',
      'ns1',
      'link',
      'set',
      'eth0',
      'up',
    ]);
  });

  it('loss is an nftables script with numgen on both hooks, replacing any earlier rate', () => {
    const script = lossScript(5);
    expect(script.match(/numgen random mod 100 < 5 drop/g)).toHaveLength(2);
    expect(script).toContain('hook output');
    expect(script).toContain('hook input');
    expect(script.indexOf('delete table inet netlab')).toBeLessThan(script.indexOf('{'));
    const cmd = setLoss(tools, 'ns1', 5);
    expect(cmd.argv).toEqual(['ip', 'netns', 'exec', 'ns1', '/usr/sbin/nft', '-f', '-']);
    expect(cmd.input).toBe(script);
    expect(setLoss(tools, 'ns1', 0).input).not.toContain('numgen');
    expect(() => lossScript(101)).toThrow(RangeError);
    expect(() => lossScript(2.5)).toThrow(RangeError);
  });

  it('a rate limit is a tbf qdisc on the host device; 0 deletes it', () => {
    expect(setRate(tools, 'ns1', 1000).argv.join(' ')).toBe(
      'tc -n ns1 qdisc replace dev eth0 root tbf rate 1000kbit burst 32kbit latency 400ms',
    );
    expect(setRate(tools, 'ns1', 10_000).argv).toContain('200kbit');
    expect(setRate(tools, 'ns1', 0).argv.join(' ')).toBe('tc -n ns1 qdisc del dev eth0 root');
    expect(() => setRate(tools, 'ns1', -1)).toThrow(RangeError);
  });

  it('plugging a host moves one veth end into it, bridges the other and routes to the switch', () => {
    const names = networkNames(4_194_304, 7);
    const cmds = plugHost(tools, {
      switchNs: names.switchNs,
      bridge: names.bridge,
      hostNs: names.hostNs(3),
      switchEnd: names.switchEnd(3),
      hostEnd: names.hostEnd(3),
      cidr: '10.77.0.13/24',
      gateway: '10.77.0.1',
    }).map((c) => c.argv.join(' '));
    expect(cmds[0]).toBe(
      `ip -n ${names.switchNs} link add ${names.switchEnd(3)} type veth peer name ${names.hostEnd(3)}`,
    );
    expect(cmds).toContain(`ip -n ${names.switchNs} link set ${names.switchEnd(3)} master br0`);
    expect(cmds).toContain(`ip -n ${names.hostNs(3)} route add default via 10.77.0.1`);
    expect(names.switchEnd(244).length).toBeLessThanOrEqual(IFNAME_MAX);
    expect(names.hostEnd(244).length).toBeLessThanOrEqual(IFNAME_MAX);
  });

  it('names carry their owner pid, and only dead owners are swept', () => {
    const mine = networkNames(1234, 1);
    const theirs = networkNames(99, 2);
    expect(ownerOf(mine.hostNs(0))).toBe(1234);
    expect(ownerOf('mwl-something')).toBeNull();
    expect(ownerOf('other-ns')).toBeNull();
    const listing = `${mine.switchNs} (id: 3)\n${theirs.hostNs(1)}\nother-ns (id: 1)\n`;
    expect(leftovers(listing, (pid) => pid === 1234)).toEqual([theirs.hostNs(1)]);
  });

  it('addresses: the switch is .1, hosts from .10; only /24s are accepted', () => {
    const s = parseSubnet('10.77.0.0/24');
    expect(switchAddress(s)).toBe('10.77.0.1');
    expect(hostAddress(s, 0)).toBe('10.77.0.10');
    expect(() => hostAddress(s, 245)).toThrow(RangeError);
    expect(() => parseSubnet('10.77.0.0/16')).toThrow(RangeError);
    expect(() => parseSubnet('10.777.0')).toThrow(RangeError);
  });
});
