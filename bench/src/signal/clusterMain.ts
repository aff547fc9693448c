// `pnpm --filter @meshwork/bench bench:cluster`: the multi-node figures, printed as the
// `## Multi-node` section of docs/benchmarks.md.
import { measureCluster } from './cluster';

const quick = process.argv.includes('--quick');
const options = quick
  ? {
      nodes: 2,
      warmupJoins: 16,
      joins: 80,
      pingPongs: 120,
      pairs: 8,
      perPeerPerSecond: 40,
      floodMs: 3_000,
      heapPeers: 400,
    }
  : {
      nodes: 2,
      warmupJoins: 40,
      joins: 320,
      pingPongs: 270,
      pairs: 16,
      perPeerPerSecond: 40,
      floodMs: 6_000,
      heapPeers: 1_600,
    };
const { single, cluster } = await measureCluster(options);
const row = (name: string, s: { n: number; p50: number; p99: number; max: number }) =>
  `| ${name} | ${s.n} | ${s.p50} | ${s.p99} | ${s.max} |`;
const fmt = (r: Record<string, number> | undefined) =>
  Object.entries(r ?? {})
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
console.info(JSON.stringify({ options, single, cluster }, null, 2));
console.info(`
| Latency (ms) | n | p50 | p99 | max |
| --- | --- | --- | --- | --- |
${row('join ack, one node', single.joinAckMs)}
${row(`join ack, ${options.nodes} nodes (members alternate nodes)`, cluster.joinAckMs)}
${row('relay one way, one node', single.relayOneWayMs)}
${row(`relay one way, ends on different nodes`, cluster.relayOneWayMs)}

| Cost | one node | ${options.nodes} nodes |
| --- | --- | --- |
| server CPU per relayed signal (all nodes, us) | ${single.relayUsPerMsg} | ${cluster.relayUsPerMsg} |
| V8 heap per peer held (KB, per node) | ${single.heapKbPerPeer.join(', ')} (${single.peersPerNode} peers) | ${cluster.heapKbPerPeer.join(', ')} (${cluster.peersPerNode} peers each) |
| Redis commands per join | - | ${cluster.redisPerJoin} (${fmt(cluster.redisJoinCommands)}) |
| Redis commands per relayed signal | - | ${cluster.redisPerSignal} (${fmt(cluster.redisSignalCommands)}) |
| Redis commands per second, idle | - | ${cluster.redisIdlePerSecond} |
`);
process.exit(0);
