/** The watch page (`/r/:room/watch`): a room's picture without joining it. */
export const watch = {
  status: {
    connecting: 'Connecting…',
    live: 'Live',
    reconnecting: 'Reconnecting… (showing the last known picture)',
    unavailable: 'Room not found, or it needs a password. Trying again…',
  },
  watching: 'Watching',
  planVersion: 'Plan version',
  noMedia: 'no media',
  media: { audio: 'mic', video: 'camera', screen: 'screen' },
  nobody: 'Nobody is in the room.',
  people: 'People in the room',
  host: ' (host)',
  reconnecting: ' · reconnecting',
} as const;
