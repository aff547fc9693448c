import type { StreamRoute } from '@meshwork/mesh/runtime';
import type { PeerId } from '@meshwork/protocol';
import type { Format } from '../../i18n/format';
import type { Messages } from '../../i18n/messages';

/**
 * How a tile's video reaches this person: `direct`, `via Ana · 2 hops`, `via Ana and Bo · 3 hops`,
 * or just `2 hops` when the relays' names are not known; in the catalogue's language. When its
 * audio travels apart (a hybrid plan, SPEC [P30]) both are told: `audio direct, video via Ana ·
 * 2 hops`.
 */
export function routeText(
  route: StreamRoute | null,
  nameOf: (id: PeerId) => string | undefined,
  m: Messages,
  f: Format,
): string | null {
  if (!route) return null;
  const video = videoText(route, nameOf, m, f);
  if (route.audioPath === undefined) return video;
  const audioHops = route.audioPath.length - 1;
  const audio = audioHops <= 1 ? m.hybrid.routeAudioDirect : m.hybrid.routeAudioHops(audioHops);
  return m.hybrid.routeBoth(audio, m.hybrid.routeVideo(video));
}

function videoText(
  route: StreamRoute,
  nameOf: (id: PeerId) => string | undefined,
  m: Messages,
  f: Format,
): string {
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
