import type { StreamRoute } from '@meshwork/mesh/runtime';
import type { PeerId } from '@meshwork/protocol';
import { HYBRID_STRINGS } from '../hybrid/strings';

/**
 * How a tile's video reaches this person: `direct`, `via Ana · 2 hops`, `via Ana, Bo · 3 hops`,
 * or just `2 hops` when the relays' names are not known. When its audio travels apart (a hybrid
 * plan, SPEC [P30]) both are told: `audio direct, video via Ana · 2 hops`.
 */
export function routeText(
  route: StreamRoute | null,
  nameOf: (id: PeerId) => string | undefined,
): string | null {
  if (!route) return null;
  const video = videoText(route, nameOf);
  if (route.audioPath === undefined) return video;
  const audioHops = route.audioPath.length - 1;
  const audio =
    audioHops <= 1 ? HYBRID_STRINGS.routeAudioDirect : HYBRID_STRINGS.routeAudioHops(audioHops);
  return `${audio}, ${HYBRID_STRINGS.routeVideo(video)}`;
}

function videoText(route: StreamRoute, nameOf: (id: PeerId) => string | undefined): string {
  if (route.hops <= 1) return 'direct';
  const relays = route.path.slice(1, -1);
  const names = relays.map(nameOf).filter((n): n is string => n !== undefined);
  const hops = `${route.hops} hops`;
  if (names.length !== relays.length || names.length === 0) return hops;
  const shown =
    names.length > 2 ? `${names.slice(0, 2).join(', ')} +${names.length - 2}` : names.join(', ');
  return `via ${shown} · ${hops}`;
}
