import type { FeedSnapshot } from '@meshwork/protocol';

/**
 * The room as the signal app holds it now (peers, topology, hub, plan version, every link's
 * state), read from the first event of its live feed (`/api/rooms/<room>/events`): for a failed
 * test's report, since a page shows only its own side.
 */
export async function roomSnapshot(baseUrl: string, room: string): Promise<FeedSnapshot> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 5_000);
  try {
    const res = await fetch(`${baseUrl}/api/rooms/${encodeURIComponent(room)}/events`, {
      signal: abort.signal,
    });
    if (!res.ok || !res.body) throw new Error(`room feed answered ${res.status}`);
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let text = '';
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      text += decoder.decode(read.value, { stream: true });
      const data = /^event: snapshot\ndata: (.*)$/m.exec(text)?.[1];
      if (data !== undefined) return JSON.parse(data) as FeedSnapshot;
    }
    throw new Error('the room feed ended before its snapshot');
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}

/** One line per link ("a|b connected 12 ms"), ids shortened, with the room's topology and hub. */
export function describeRoom(snapshot: FeedSnapshot): string {
  const name = new Map(snapshot.peers.map((p) => [p.id, p.displayName]));
  const who = (id: string) => name.get(id) ?? id.slice(0, 6);
  const links = snapshot.links.map(
    (l) => `  ${who(l.a)}-${who(l.b)} ${l.state}${l.rttMs === null ? '' : ` ${l.rttMs} ms`}`,
  );
  const hub = snapshot.hub ? ` (hub ${who(snapshot.hub)})` : '';
  return [`${snapshot.topology}${hub}, plan v${snapshot.planVersion}:`, ...links].join('\n');
}

/** Prints how the signal app saw `room`, for a failed test; a feed that cannot be read says why. */
export async function reportRoom(baseUrl: string, room: string): Promise<void> {
  const seen = await roomSnapshot(baseUrl, room).then(describeRoom, String);
  console.error(`room ${room} as the signal app saw it after the failure: ${seen}`);
}
