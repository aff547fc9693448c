/** The room's other screens (left, removed, waiting in the lobby) and the connection banner. */
export const room = {
  left: 'You left the room',
  rejoin: 'Rejoin',
  removed: 'The host removed you from the room.',
  waitingTitle: 'Waiting for the host to let you in',
  waitingText: (room: string) =>
    `You asked to join ${room}. The room has a lobby: you will join as soon as the host lets you in.`,
  unreachable: 'The signal server cannot be reached.',
  lost: 'The connection to the server was lost.',
  unreachableTitle: 'Signal server unreachable.',
  retryingIn: (when: string) => `Retrying ${when}`,
  retryingNow: 'Retrying now',
  attempt: (n: number) => ` (attempt ${n})`,
  keepsGoing: '. Calls already running keep going peer to peer.',
  retryNow: 'Retry now',
} as const;
