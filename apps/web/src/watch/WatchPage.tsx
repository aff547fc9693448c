import { useMemo } from 'react';
import { Name } from '../components/common/Name';
import { RegionBoundary } from '../components/common/RegionBoundary';
import { TopologyDiagram } from '../components/topology/TopologyPicture';
import { useT } from '../i18n/useT';
import type { CreateFeedSource } from './feedSource';
import { browserFeedSource, useRoomFeed } from './useRoomFeed';
import { WatchPeople } from './WatchPeople';

/**
 * `/r/:room/watch`: the room's live topology and people over the room feed, without joining
 * the call (no camera, no microphone, no peer connections).
 */
export function WatchPage({
  roomId,
  createSource = browserFeedSource,
}: {
  roomId: string;
  createSource?: CreateFeedSource;
}) {
  const { room, status } = useRoomFeed(roomId, createSource);
  const m = useT();
  const names = useMemo(
    () => new Map((room?.peers ?? []).map((p) => [p.id, p.displayName])),
    [room?.peers],
  );
  const order = useMemo(() => (room?.peers ?? []).map((p) => p.id), [room?.peers]);
  const edges = useMemo(() => (room?.links ?? []).map((l) => [l.a, l.b] as const), [room?.links]);
  return (
    <main className="watch-page">
      <h1>
        {m.watch.watching} <Name>{roomId}</Name>
      </h1>
      <p role="status" data-status={status}>
        {m.watch.status[status]}
      </p>
      {room === null ? null : (
        <>
          <RegionBoundary what={m.common.region.picture} resetKey={room}>
            <TopologyDiagram
              order={order}
              hub={room.hub}
              edges={edges}
              self={null}
              links={room.links}
              topology={room.topology}
              names={names}
            />
          </RegionBoundary>
          <p className="muted">
            {m.watch.planVersion} {room.planVersion}
          </p>
          <RegionBoundary what={m.common.region.people} resetKey={room.peers}>
            <WatchPeople peers={room.peers} />
          </RegionBoundary>
        </>
      )}
    </main>
  );
}
