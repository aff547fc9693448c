// What the signal app holds per joined peer beyond a bare Socket.IO server: heap snapshots of
// both servers before and after `--peers` sockets (default 2000), grouped by constructor, the
// bare server's growth subtracted. Prints the largest groups per peer. Measures and prints only.
//   pnpm --filter @meshwork/bench bench:heap-profile [--peers=2000] [--top=30]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enterLoopbackNamespace } from '../netns';
import { measureBareSocketHeap, measureHeap } from './heap';
import { diffGroups, type HeapGroup, readSnapshotGroups } from './heapSnapshot';

function arg(name: string, fallback: number): number {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.slice(name.length + 3)) : fallback;
}

enterLoopbackNamespace();
const peers = arg('peers', 2_000);
const top = arg('top', 30);
const dir = mkdtempSync(join(tmpdir(), 'meshwork-heap-'));
const snap = (name: string) => join(dir, `${name}.heapsnapshot`);
try {
  const options = { peers, concurrency: 50, timeBudgetMs: 300_000, warmup: 16 };
  const app = await measureHeap({
    ...options,
    snapshots: { before: snap('app-before'), after: snap('app-after') },
  });
  const bare = await measureBareSocketHeap({
    ...options,
    snapshots: { before: snap('bare-before'), after: snap('bare-after') },
  });
  const appGrowth = diffGroups(
    readSnapshotGroups(snap('app-before')),
    readSnapshotGroups(snap('app-after')),
  );
  const bareGrowth = new Map(
    diffGroups(readSnapshotGroups(snap('bare-before')), readSnapshotGroups(snap('bare-after'))).map(
      (g) => [g.key, g],
    ),
  );
  const beyond: HeapGroup[] = appGrowth
    .map((g) => ({
      key: g.key,
      count: g.count - (bareGrowth.get(g.key)?.count ?? 0),
      selfBytes: g.selfBytes - (bareGrowth.get(g.key)?.selfBytes ?? 0),
    }))
    .sort((a, b) => b.selfBytes - a.selfBytes);
  const kb = (bytes: number) => (bytes / 1024 / app.peers).toFixed(3);
  console.info(
    `heap per peer after a warm-up: app ${app.heapKbPerPeer} KB, bare ${bare.heapKbPerConnection} KB; ` +
      `one more peer: app ${app.marginalHeapKbPerPeer} KB, bare ${bare.marginalHeapKbPerConnection} KB, ` +
      `beyond ${(app.marginalHeapKbPerPeer - bare.marginalHeapKbPerConnection).toFixed(2)} KB ` +
      `(${app.peers} peers in ${app.rooms} rooms)`,
  );
  console.info('largest groups beyond the bare server, per peer (KB, objects):');
  for (const g of beyond.slice(0, top)) {
    console.info(
      `  ${kb(g.selfBytes).padStart(7)}  ${(g.count / app.peers).toFixed(2).padStart(7)}  ${g.key}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
