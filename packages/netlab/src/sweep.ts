import { deleteNamespace, listNamespaces, type Tools } from './commands';
import { ownerOf } from './names';
import { run } from './run';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists, it is someone else's.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Names of netlab namespaces whose owner process is gone. */
export function leftovers(listing: string, isAlive: (pid: number) => boolean = alive): string[] {
  const names = listing
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[0] ?? '')
    .filter((n) => n !== '');
  return names.filter((n) => {
    const owner = ownerOf(n);
    return owner !== null && !isAlive(owner);
  });
}

/** Deletes the namespaces left by netlab processes that were killed outright. */
export async function sweepLeftovers(tools: Tools): Promise<string[]> {
  const gone = leftovers(await run(listNamespaces(tools)));
  for (const ns of gone) await run(deleteNamespace(tools, ns)).catch(() => undefined);
  return gone;
}
