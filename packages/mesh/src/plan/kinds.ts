import type { TrackKind } from '@meshwork/protocol';

/** An entry of a plan's receive or forward list, with the kind it carries, if only one. */
interface Kinded {
  kind?: TrackKind | undefined;
}

/**
 * Entries computed once per kind, with each pair that agrees on everything but the kind made one
 * entry with no `kind` ([R18]): a hybrid plan names a kind only where audio and video part, and
 * a plan with no parting says exactly what a plan of one graph says. Order is kept.
 */
export function mergeKinds<T extends Kinded>(
  entries: readonly T[],
  same: (a: T, b: T) => boolean,
): T[] {
  const out: T[] = [];
  const merged = new Set<T>();
  for (const [i, entry] of entries.entries()) {
    if (merged.has(entry)) continue;
    const twin = entries.find(
      (other, j) =>
        j > i &&
        !merged.has(other) &&
        other.kind !== undefined &&
        entry.kind !== undefined &&
        other.kind !== entry.kind &&
        same(entry, other),
    );
    if (twin === undefined) {
      out.push(entry);
      continue;
    }
    merged.add(twin);
    const { kind: _kind, ...rest } = entry;
    out.push(rest as T);
  }
  return out;
}
