import type { StreamRoute } from '@meshwork/mesh/runtime';
import type { PeerId } from '@meshwork/protocol';

/**
 * How a tile's video reaches this person: `direct`, `via Ana · 2 hops`, `via Ana, Bo · 3 hops`,
 * or just `2 hops` when the relays' names are not known.
 */
export function routeText(
  route: StreamRoute | null,
  nameOf: (id: PeerId) => string | undefined,
): string | null {
  if (!route) return null;
  if (route.hops <= 1) return 'direct';
  const relays = route.path.slice(1, -1);
  const names = relays.map(nameOf).filter((n): n is string => n !== undefined);
  const hops = `${route.hops} hops`;
  if (names.length !== relays.length || names.length === 0) return hops;
  const shown =
    names.length > 2 ? `${names.slice(0, 2).join(', ')} +${names.length - 2}` : names.join(', ');
  return `via ${shown} · ${hops}`;
}
