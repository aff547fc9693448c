import { useEffect, useState } from 'react';
import { type CreateFeedSource, type FeedStatus, followFeed } from './feedSource';
import { applyFeedEvent, feedUrl, type WatchedRoom } from './watchModel';

/** The browser's own EventSource. */
export const browserFeedSource: CreateFeedSource = (url) => new EventSource(url);

/** A room's live feed as React state; the picture stays while the stream reconnects. */
export function useRoomFeed(
  roomId: string,
  create: CreateFeedSource,
): { room: WatchedRoom | null; status: FeedStatus } {
  const [room, setRoom] = useState<WatchedRoom | null>(null);
  const [status, setStatus] = useState<FeedStatus>('connecting');
  useEffect(
    () =>
      followFeed(feedUrl(roomId), create, {
        event: (e) => setRoom((r) => applyFeedEvent(r, e)),
        status: setStatus,
      }),
    [roomId, create],
  );
  return { room, status };
}
