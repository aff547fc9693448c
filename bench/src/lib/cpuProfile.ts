/** The parts of a V8 `.cpuprofile` (from `node --cpu-prof`) the summary reads. */
export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
  }>;
  samples: number[];
  timeDeltas: number[];
}

/** Self time of one function or group, as a share of all samples. */
export interface ProfileEntry {
  name: string;
  selfMs: number;
  share: number;
}

/** Where a script URL belongs: `packages/x`, `apps/x`, a node_modules package, or `node:`. */
export function groupOfUrl(url: string): string {
  if (url === '') return '(native/gc/idle)';
  if (url.startsWith('node:')) return 'node internals';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  const m = /\/(packages|apps|bench)\/([^/]+)/.exec(url);
  return m ? `${m[1]}/${m[2]}` : url;
}

/**
 * Self time per function and per package, largest first, excluding idle. Pure: sums sample time
 * deltas onto the sampled node.
 */
export function summarizeProfile(
  profile: CpuProfile,
  top = 15,
): {
  totalMs: number;
  byGroup: ProfileEntry[];
  byFunction: ProfileEntry[];
} {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const fn = new Map<string, number>();
  const group = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    if (
      !node ||
      node.callFrame.functionName === '(idle)' ||
      node.callFrame.functionName === '(program)'
    )
      return;
    total += dt;
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${groupOfUrl(f.url)}:${f.lineNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + dt);
    const g = f.url === '' ? f.functionName : groupOfUrl(f.url);
    group.set(g, (group.get(g) ?? 0) + dt);
  });
  const list = (m: Map<string, number>) =>
    [...m.entries()]
      .map(([name, selfMs]) => ({
        name,
        selfMs: Math.round(selfMs),
        share: Math.round((selfMs / total) * 1000) / 10,
      }))
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, top);
  return { totalMs: Math.round(total), byGroup: list(group), byFunction: list(fn) };
}
