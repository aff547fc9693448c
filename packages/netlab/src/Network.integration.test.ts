import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { type Host, Network } from './Network';
import { toolsFromEnv } from './tools';

const canRun = process.getuid?.() === 0;
if (!canRun) console.warn('netlab: not root, so the real-network tests are skipped');

let net: Network | null = null;
afterEach(async () => {
  await net?.close();
  net = null;
});

/** Runs a small Node script inside a host and resolves with what it printed. */
function node(n: Network, host: Host, code: string, timeoutMs = 15_000): Promise<string> {
  const child = n.spawn(host.ns, [process.execPath, '-e', code], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`script did not end: ${out}`)), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(out.trim());
    });
  });
}

/** Resolves once a child printed `line`. */
function printed(n: Network, host: Host, code: string, line: string) {
  const child = n.spawn(host.ns, [process.execPath, '-e', code], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no "${line}" from the child: ${out}`)),
      15_000,
    );
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(line)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return { child, ready, output: () => out };
}

const TCP_SERVER = `require('net').createServer((s) => { s.on('data', () => {}); s.on('end', () => s.end('done')); }).listen(9000, () => console.log('listening'));`;
const connect = (to: string) =>
  `const s = require('net').connect(9000, '${to}'); s.setTimeout(1500, () => { console.log('fail'); process.exit(0); }); s.on('connect', () => { console.log('ok'); process.exit(0); }); s.on('error', () => { console.log('fail'); process.exit(0); });`;

describe.skipIf(!canRun)('netlab on real namespaces', () => {
  it('hosts reach each other and the switch; a cut stops traffic without closing, a restore brings it back', async () => {
    net = await Network.create({ hosts: 2 });
    const [a, b] = net.hosts as [Host, Host];
    expect([a.address, b.address, net.switchAddress]).toEqual([
      '10.77.0.10',
      '10.77.0.11',
      '10.77.0.1',
    ]);
    const server = printed(net, b, TCP_SERVER, 'listening');
    await server.ready;
    expect(await node(net, a, connect(b.address))).toBe('ok');
    await net.cut(b);
    expect(await node(net, a, connect(b.address))).toBe('fail');
    // Nothing was closed: the server process is still running.
    expect(server.child.exitCode).toBeNull();
    await net.restore(b);
    expect(await node(net, a, connect(b.address))).toBe('ok');
    // The restored host has its default route back.
    const routes = spawnSync('ip', ['-n', b.ns, 'route', 'show', 'default'], { encoding: 'utf8' });
    expect(routes.stdout).toContain(`via ${net.switchAddress}`);
  });

  it('loss drops about the share asked for, and 0 ends it', async () => {
    net = await Network.create({ hosts: 2 });
    const [a, b] = net.hosts as [Host, Host];
    const counter = `const d = require('dgram').createSocket('udp4'); let n = 0; let t; d.on('message', () => { n++; clearTimeout(t); t = setTimeout(() => { console.log(n); process.exit(0); }, 1500); }); d.bind(9001, () => console.log('bound'));`;
    const send = `const d = require('dgram').createSocket('udp4'); let i = 0; const go = () => { if (i++ >= 400) { d.close(); return; } d.send('x', 9001, '${b.address}', go); }; go();`;
    const count = async (): Promise<number> => {
      const sink = printed(net as Network, b, counter, 'bound');
      await sink.ready;
      await node(net as Network, a, send);
      await new Promise<void>((resolve) => sink.child.once('exit', () => resolve()));
      return Number(sink.output().split('\n').at(-2) ?? sink.output().trim().split('\n').at(-1));
    };
    await net.loss(a, 50);
    const lossy = await count();
    expect(lossy).toBeGreaterThan(400 * 0.25);
    expect(lossy).toBeLessThan(400 * 0.75);
    await net.loss(a, 0);
    // Without the rule nothing is dropped on purpose; a loaded machine may still overflow the
    // receiver's socket buffer by a few datagrams, far from the half the rule took.
    expect(await count()).toBeGreaterThanOrEqual(400 * 0.97);
  });

  it('a rate limit slows what a host sends', async () => {
    net = await Network.create({ hosts: 2 });
    const [a, b] = net.hosts as [Host, Host];
    const server = printed(net, b, TCP_SERVER, 'listening');
    await server.ready;
    await net.rate(a, 200);
    const sendKb = `const t0 = Date.now(); const s = require('net').connect(9000, '${b.address}', () => s.end(Buffer.alloc(64 * 1024))); s.on('data', () => {}); s.on('close', () => console.log(Date.now() - t0));`;
    const slow = Number(await node(net, a, sendKb, 30_000));
    // 512 kbit at 200 kbit/s, less the 32 kbit burst: at least 2 s however loaded the machine.
    expect(slow).toBeGreaterThan(1_500);
    await net.rate(a, 0);
    expect(Number(await node(net, a, sendKb))).toBeLessThan(slow);
  });

  it('close stops the children and deletes every namespace; it is idempotent', async () => {
    net = await Network.create({ hosts: 3 });
    const server = printed(net, net.hosts[0] as Host, TCP_SERVER, 'listening');
    await server.ready;
    const names = [net.switchNs, ...net.hosts.map((h) => h.ns)];
    await net.close();
    await net.close();
    expect(server.child.exitCode !== null || server.child.signalCode !== null).toBe(true);
    const list = spawnSync(toolsFromEnv().ip, ['netns', 'list'], { encoding: 'utf8' }).stdout;
    for (const ns of names) expect(list).not.toContain(ns);
  });
});
