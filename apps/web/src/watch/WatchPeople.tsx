import type { FeedPeer } from '@meshwork/protocol';
import { Name } from '../components/common/Name';
import type { Format } from '../i18n/format';
import type { Messages } from '../i18n/messages';
import { useFormat, useT } from '../i18n/useT';

function mediaText(p: FeedPeer, t: Messages['watch'], f: Format): string {
  const on = (['audio', 'video', 'screen'] as const).filter((kind) => p.media[kind]);
  return on.length > 0 ? f.list(on.map((kind) => t.media[kind])) : t.noMedia;
}

/** The people of a watched room: name, host, media and whether their connection is there. */
export function WatchPeople({ peers }: { peers: readonly FeedPeer[] }) {
  const t = useT().watch;
  const f = useFormat();
  if (peers.length === 0) return <p className="muted">{t.nobody}</p>;
  return (
    <ul className="watch-people" aria-label={t.people}>
      {peers.map((p) => (
        <li key={p.id} data-peer={p.id}>
          <Name>{p.displayName}</Name>
          {p.host && <span className="muted">{t.host}</span>}
          <span className="muted"> · {mediaText(p, t, f)}</span>
          {!p.connected && <span className="muted">{t.reconnecting}</span>}
        </li>
      ))}
    </ul>
  );
}
