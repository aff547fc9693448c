import type { StreamRoute } from '@meshwork/mesh/runtime';
import type { PeerId } from '@meshwork/protocol';
import type { Format } from '../../i18n/format';
import type { Messages } from '../../i18n/messages';

/**
 * How a tile's video reaches this person: `direct`, `via Ana · 2 hops`, `via Ana and Bo · 3 hops`,
 * or just `2 hops` when the relays' names are not known; in the catalogue's language.
 */
export function routeText(
  route: StreamRoute | null,
  nameOf: (id: PeerId) => string | undefined,
  m: Messages,
  f: Format,
): string | null {
  if (!route) return null;
  if (route.hops <= 1) return m.call.direct;
  const relays = route.path.slice(1, -1);
  const names = relays.map(nameOf).filter((n): n is string => n !== undefined);
  const hops = m.call.hops(route.hops);
  if (names.length !== relays.length || names.length === 0) return hops;
  const shown =
    names.length > 2
      ? m.call.moreRelays(f.list(names.slice(0, 2)), names.length - 2)
      : f.list(names);
  return m.call.via(shown, hops);
}
