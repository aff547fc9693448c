import type { PeerId, StreamKey, TrackKind } from '@meshwork/protocol';
import { streamKeyOf, trackKey } from '../manifest';
import type { ReceiveChoice } from '../receiving';
import type { CreateMediaStream, MeshEvents, StreamRoute } from '../types';
import { KINDS } from './LocalStreams';

interface RemoteEntry {
  origin: PeerId;
  key: StreamKey;
  stream: MediaStream;
  tracks: Map<TrackKind, MediaStreamTrack>;
  route: StreamRoute;
}

/** What the remote streams need from the controller. */
export interface RemoteStreamsOptions {
  createMediaStream: CreateMediaStream;
  emit<E extends 'remoteStreamChanged' | 'remoteStreamRemoved'>(
    event: E,
    payload: MeshEvents[E],
  ): void;
}

/** What one sync of the remote streams reads. */
export interface RemoteStreamsInput {
  /** Per track key, the link and route each remote track is shown from. */
  choices: ReadonlyMap<string, ReceiveChoice>;
  /** Per track key, the tracks some link names for it now (by the far end's latest manifest). */
  named: ReadonlyMap<string, ReadonlySet<MediaStreamTrack>>;
  /** Peers in the newest plan: an origin not among them has left. */
  order: ReadonlySet<PeerId>;
  /** The track a choice takes. */
  trackOf(choice: ReceiveChoice): MediaStreamTrack | undefined;
}

/**
 * A stream's route is its video's when it has video, else its first track's; when its audio
 * travels another path (a hybrid plan, [M27]) that path is told too.
 */
function routeOf(group: readonly ReceiveChoice[], first: ReceiveChoice): StreamRoute {
  const routed = group.find((c) => c.kind === 'video') ?? first;
  const route = { path: [...routed.path], hops: routed.path.length - 1 };
  const audio = group.find((c) => c.kind === 'audio');
  if (audio === undefined || audio.path.join('>') === routed.path.join('>')) return route;
  return { ...route, audioPath: [...audio.path] };
}

/** Text of a route, to tell whether it changed. */
function routeText(route: StreamRoute): string {
  return `${route.path.join('>')}|${route.audioPath?.join('>') ?? ''}`;
}

/** Whether some link still names `track` as this stream's `kind` ([M11]). */
function namesTrack(
  input: RemoteStreamsInput,
  entry: RemoteEntry,
  kind: TrackKind,
  track: MediaStreamTrack,
): boolean {
  return (
    input.named.get(trackKey({ origin: entry.origin, key: entry.key, kind }))?.has(track) ?? false
  );
}

/**
 * The remote streams shown here, one MediaStream per identity (origin, key) for the life of its
 * tile ([M11]): tracks swap inside it when the route changes, so the tile keeps its element.
 * Emits `remoteStreamChanged` when a stream appears or its tracks or route change, and
 * `remoteStreamRemoved` when its origin left or no link names it any more.
 */
export class RemoteStreams {
  readonly #options: RemoteStreamsOptions;
  readonly #entries = new Map<string, RemoteEntry>();

  constructor(options: RemoteStreamsOptions) {
    this.#options = options;
  }

  /** The stream shown for (origin, key), if any. */
  get(origin: PeerId, key: StreamKey): MediaStream | null {
    return this.#entries.get(streamKeyOf(origin, key))?.stream ?? null;
  }

  /** Brings every shown stream in line with `input`. */
  sync(input: RemoteStreamsInput): void {
    const groups = new Map<string, ReceiveChoice[]>();
    for (const choice of input.choices.values()) {
      const sk = streamKeyOf(choice.origin, choice.key);
      groups.set(sk, [...(groups.get(sk) ?? []), choice]);
    }
    for (const [sk, group] of groups) {
      const first = group[0];
      if (first === undefined) continue;
      const entry = this.#entries.get(sk);
      if (entry === undefined) this.#create(sk, group, first, input);
      else this.#update(entry, group, first, input);
    }
    for (const [sk, entry] of [...this.#entries]) {
      if (groups.has(sk) && input.order.has(entry.origin)) continue;
      const stillNamed = KINDS.some((kind) =>
        input.named.has(trackKey({ origin: entry.origin, key: entry.key, kind })),
      );
      // Keep the tile (frozen) while a link still names the stream, e.g. during an ICE restart,
      // but never a track its link stopped naming: that transceiver may carry another origin next.
      if (stillNamed && input.order.has(entry.origin)) {
        if (this.#dropUnnamed(entry, input)) this.#emitChanged(entry);
        continue;
      }
      this.#entries.delete(sk);
      this.#options.emit('remoteStreamRemoved', { origin: entry.origin, key: entry.key });
    }
  }

  /** Removes the tracks no link names for this stream any more; true if any went. */
  #dropUnnamed(entry: RemoteEntry, input: RemoteStreamsInput): boolean {
    let dropped = false;
    for (const [kind, track] of [...entry.tracks]) {
      if (namesTrack(input, entry, kind, track)) continue;
      entry.stream.removeTrack(track);
      entry.tracks.delete(kind);
      dropped = true;
    }
    return dropped;
  }

  #create(
    sk: string,
    group: readonly ReceiveChoice[],
    first: ReceiveChoice,
    input: RemoteStreamsInput,
  ): void {
    const tracks = new Map<TrackKind, MediaStreamTrack>();
    for (const choice of group) {
      const track = input.trackOf(choice);
      if (track !== undefined) tracks.set(choice.kind, track);
    }
    const stream = this.#options.createMediaStream([...tracks.values()]);
    const entry = {
      origin: first.origin,
      key: first.key,
      stream,
      tracks,
      route: routeOf(group, first),
    };
    this.#entries.set(sk, entry);
    this.#emitChanged(entry);
  }

  #update(
    entry: RemoteEntry,
    group: readonly ReceiveChoice[],
    first: ReceiveChoice,
    input: RemoteStreamsInput,
  ): void {
    const route = routeOf(group, first);
    let changed = routeText(entry.route) !== routeText(route);
    for (const choice of group) {
      const track = input.trackOf(choice);
      const old = entry.tracks.get(choice.kind);
      if (track === undefined || track === old) continue;
      // Remove first: a relayed track may carry the same track id as the direct one.
      if (old !== undefined) entry.stream.removeTrack(old);
      entry.stream.addTrack(track);
      entry.tracks.set(choice.kind, track);
      changed = true;
    }
    for (const [kind, old] of [...entry.tracks]) {
      if (group.some((c) => c.kind === kind)) continue;
      // A kind whose track is still named for it stays until it is gone for good: it may only
      // be waiting. A track no longer named for it goes at once, whatever names the kind elsewhere.
      if (namesTrack(input, entry, kind, old)) continue;
      entry.stream.removeTrack(old);
      entry.tracks.delete(kind);
      changed = true;
    }
    entry.route = route;
    if (changed) this.#emitChanged(entry);
  }

  #emitChanged(entry: RemoteEntry): void {
    this.#options.emit('remoteStreamChanged', {
      origin: entry.origin,
      key: entry.key,
      stream: entry.stream,
      route: entry.route,
    });
  }
}
