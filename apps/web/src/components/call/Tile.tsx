import { isolate } from '../../format/bidi';
import { useFormat, useT } from '../../i18n/useT';
import { useAppStore } from '../../store/StoreContext';
import { Icon } from '../common/Icon';
import { Isolated } from '../common/Isolated';
import { Name } from '../common/Name';
import { VideoView } from '../common/VideoView';
import { initials } from './initials';
import { QualityBadge } from './QualityBadge';
import { routeText } from './routeText';
import { TileMarks } from './TileMarks';
import type { TileModel } from './tiles';

/**
 * One participant's tile: video (kept mounted so audio plays and the element survives route
 * changes), name, mic/camera state, connection quality and the route the video takes.
 */
export function Tile({ tile }: { tile: TileModel }) {
  const speaking = useAppStore((s) => s.activeSpeaker === tile.origin && tile.key === 'cam');
  const pinned = useAppStore((s) => s.pinned === tile.id);
  const pin = useAppStore((s) => s.pin);
  const names = useAppStore((s) => s.names);
  const m = useT();
  const f = useFormat();
  const t = m.call;
  const nameOf = (id: string) => {
    const name = names.get(id);
    return name === undefined ? undefined : isolate(name);
  };
  const route = tile.self ? null : routeText(tile.route, nameOf, m, f);
  const via = tile.route && tile.route.path.length >= 2 ? (tile.route.path.at(-2) ?? null) : null;
  // A person the server cannot reach shows reconnecting, not their last frame frozen ([P22]).
  const showVideo = tile.stream !== null && tile.media.video && tile.connected;
  const name = tile.key === 'screen' ? t.screenOf(tile.person) : tile.person;
  const pinLabel = pinned ? t.unpin(name) : t.pin(name);

  return (
    <figure
      className={`tile${speaking ? ' tile-speaking' : ''}${pinned ? ' tile-pinned' : ''}${tile.key === 'screen' ? ' tile-screen' : ''}`}
      aria-label={name}
      data-origin={tile.origin}
    >
      <VideoView
        stream={tile.stream}
        self={tile.self}
        className={`tile-video${showVideo ? '' : ' tile-video-hidden'}${tile.self && tile.key === 'cam' ? ' mirrored' : ''}`}
      />
      {!showVideo && (
        <div className="avatar" aria-hidden="true">
          {initials(tile.person)}
        </div>
      )}
      {tile.key === 'cam' && <TileMarks origin={tile.origin} />}
      {!tile.connected && <div className="tile-overlay">{m.common.reconnecting}</div>}
      {tile.connected && tile.unreachable && (
        <div className="tile-overlay tile-unreachable" role="status">
          <Isolated text={t.cantConnect(isolate(tile.person))} />
        </div>
      )}
      <figcaption className="tile-caption">
        <span className="tile-name">
          {tile.key === 'screen' ? (
            <Isolated text={t.screenOf(isolate(tile.person))} />
          ) : (
            <Name>{tile.person}</Name>
          )}
          {tile.self && tile.key === 'cam' ? m.common.youSuffix : ''}
        </span>
        {tile.key === 'cam' && !tile.media.audio && (
          <span className="tile-state" role="img" aria-label={t.micOff} title={t.micOff}>
            <Icon name="micOff" />
          </span>
        )}
        {tile.key === 'cam' && !tile.media.video && (
          <span className="tile-state" role="img" aria-label={t.camOff} title={t.camOff}>
            <Icon name="camOff" />
          </span>
        )}
        {route && (
          <span
            className="tile-route"
            title={tile.route?.path.map((id) => nameOf(id) ?? id).join(' → ')}
          >
            <Isolated text={route} />
          </span>
        )}
        {!tile.self && <QualityBadge via={via} />}
      </figcaption>
      <button
        type="button"
        className="tile-pin"
        aria-label={pinLabel}
        title={pinLabel}
        aria-pressed={pinned}
        onClick={() => pin(tile.id)}
      >
        <Icon name="pin" />
      </button>
    </figure>
  );
}
