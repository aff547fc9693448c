/** The start page. */
export const home = {
  tagline: 'Video calls that link browsers directly, as a full mesh, a star or a ring.',
  start: 'Start a new room',
  or: 'or',
  roomName: 'Room name',
  roomPlaceholder: 'Room name or invite link',
  open: 'Open room',
  badName: 'Type a room name using letters or digits.',
  noServer: 'Two people, no server at all?',
  p2pLink: 'Call without a server',
} as const;
