import { readFileSync } from 'node:fs';

/** Objects of one kind in a V8 heap snapshot: how many, and their summed self size. */
export interface HeapGroup {
  /** `type:name`, e.g. `object:Socket`, `closure:onPacket`, `string`, `array:(object elements)`. */
  key: string;
  count: number;
  selfBytes: number;
}

interface SnapshotJson {
  snapshot: { meta: { node_fields: string[]; node_types: unknown[] } };
  nodes: number[];
  strings: string[];
}

// Strings and numbers are grouped by type alone: their names are their contents.
const BY_TYPE_ONLY = new Set(['string', 'concatenated string', 'sliced string', 'number']);

/**
 * Groups the nodes of a V8 heap snapshot (the JSON `v8.writeHeapSnapshot` writes) by type and
 * constructor name. Pure over the parsed JSON.
 */
export function groupSnapshot(json: SnapshotJson): Map<string, HeapGroup> {
  const fields = json.snapshot.meta.node_fields;
  const types = json.snapshot.meta.node_types[0] as string[];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const groups = new Map<string, HeapGroup>();
  for (let i = 0; i < json.nodes.length; i += width) {
    const type = types[json.nodes[i + typeAt] ?? 0] ?? 'unknown';
    const name = json.strings[json.nodes[i + nameAt] ?? 0] ?? '';
    const key = BY_TYPE_ONLY.has(type) ? type : `${type}:${name.slice(0, 60)}`;
    const group = groups.get(key) ?? { key, count: 0, selfBytes: 0 };
    group.count += 1;
    group.selfBytes += json.nodes[i + sizeAt] ?? 0;
    groups.set(key, group);
  }
  return groups;
}

/** Reads and groups a snapshot file. */
export function readSnapshotGroups(path: string): Map<string, HeapGroup> {
  return groupSnapshot(JSON.parse(readFileSync(path, 'utf8')) as SnapshotJson);
}

/** What grew from `before` to `after`, per group, largest growth first. */
export function diffGroups(
  before: Map<string, HeapGroup>,
  after: Map<string, HeapGroup>,
): HeapGroup[] {
  const out: HeapGroup[] = [];
  for (const [key, a] of after) {
    const b = before.get(key);
    const selfBytes = a.selfBytes - (b?.selfBytes ?? 0);
    const count = a.count - (b?.count ?? 0);
    if (selfBytes !== 0 || count !== 0) out.push({ key, count, selfBytes });
  }
  return out.sort((x, y) => y.selfBytes - x.selfBytes);
}
