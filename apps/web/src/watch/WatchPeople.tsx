import type { FeedPeer } from '@meshwork/protocol';
import { Name } from '../components/common/Name';

function mediaText(p: FeedPeer): string {
  const on = [p.media.audio && 'mic', p.media.video && 'camera', p.media.screen && 'screen'];
  const list = on.filter((x): x is string => typeof x === 'string');
  return list.length > 0 ? list.join(', ') : 'no media';
}

/** The people of a watched room: name, host, media and whether their connection is there. */
export function WatchPeople({ peers }: { peers: readonly FeedPeer[] }) {
  if (peers.length === 0) return <p className="muted">Nobody is in the room.</p>;
  return (
    <ul className="watch-people" aria-label="People in the room">
      {peers.map((p) => (
        <li key={p.id} data-peer={p.id}>
          <Name>{p.displayName}</Name>
          {p.host && <span className="muted"> (host)</span>}
          <span className="muted"> · {mediaText(p)}</span>
          {!p.connected && <span className="muted"> · reconnecting</span>}
        </li>
      ))}
    </ul>
  );
}
