import { useMemo } from 'react';
import { Name } from '../components/common/Name';
import { RegionBoundary } from '../components/common/RegionBoundary';
import { TopologyDiagram } from '../components/topology/TopologyPicture';
import type { CreateFeedSource, FeedStatus } from './feedSource';
import { browserFeedSource, useRoomFeed } from './useRoomFeed';
import { WatchPeople } from './WatchPeople';

const STATUS_TEXT: Record<FeedStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting… (showing the last known picture)',
  unavailable: 'Room not found, or it needs a password. Trying again…',
};

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
  const names = useMemo(
    () => new Map((room?.peers ?? []).map((p) => [p.id, p.displayName])),
    [room?.peers],
  );
  const order = useMemo(() => (room?.peers ?? []).map((p) => p.id), [room?.peers]);
  const edges = useMemo(() => (room?.links ?? []).map((l) => [l.a, l.b] as const), [room?.links]);
  return (
    <main className="watch-page">
      <h1>
        Watching <Name>{roomId}</Name>
      </h1>
      <p role="status" data-status={status}>
        {STATUS_TEXT[status]}
      </p>
      {room === null ? null : (
        <>
          <RegionBoundary what="the topology picture" resetKey={room}>
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
          <p className="muted">Plan version {room.planVersion}</p>
          <RegionBoundary what="the people in the room" resetKey={room.peers}>
            <WatchPeople peers={room.peers} />
          </RegionBoundary>
        </>
      )}
    </main>
  );
}
