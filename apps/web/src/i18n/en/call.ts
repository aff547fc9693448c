import { createFormat } from '../format';

const f = createFormat('en');

/** The call: header, controls, tiles, reactions, connection quality. */
export const call = {
  controls: 'Call controls',
  shareScreen: 'Share screen',
  stopShare: 'Stop sharing screen',
  openChat: 'Open chat',
  closeChat: 'Close chat',
  sendFile: 'Send a file',
  closeFiles: 'Close files',
  participants: 'Participants',
  closeParticipants: 'Close participants',
  settings: 'Settings',
  copyInvite: 'Copy invite link',
  leave: 'Leave',
  /** A control's name with its badge: `Open chat (3 unread)`. */
  unread: (label: string, n: number) => `${label} (${f.number(n)} unread)`,
  waitingBadge: (label: string, n: number) => `${label} (${f.number(n)} waiting to join)`,
  handsAndReactions: 'Hand and reactions',
  raiseHand: 'Raise hand',
  lowerHand: 'Lower hand',
  react: (reaction: string) => `React: ${reaction}`,
  reacted: (reaction: string) => `Reacted: ${reaction}`,
  handInLine: (place: number) => `Hand raised (${f.number(place)} in line)`,
  grid: "Participants' video",
  pin: (name: string) => `Pin ${name}`,
  unpin: (name: string) => `Unpin ${name}`,
  cantConnect: (name: string) => `Can't connect to ${name}'s browser`,
  screenOf: (name: string) => `${name}'s screen`,
  micOff: 'Microphone off',
  camOff: 'Camera off',
  /** How a tile's video reaches this person. */
  direct: 'direct',
  hops: (n: number) => f.plural(n, { one: `${f.number(n)} hop`, other: `${f.number(n)} hops` }),
  via: (relays: string, hops: string) => `via ${relays} · ${hops}`,
  moreRelays: (shown: string, more: number) => `${shown} +${f.number(more)}`,
  quality: {
    good: 'Good connection',
    fair: 'Fair connection',
    poor: 'Poor connection',
    unknown: 'Connection quality unknown',
  },
  qualityDetail: (label: string, rtt: string, loss: string) =>
    `${label} (RTT ${rtt}, loss ${loss})`,
  unknownValue: '?',
  /** The header's topology line. */
  topologyIs: (topology: string) => `Topology: ${topology}`,
  hubIs: (name: string) => ` (hub: ${name})`,
  switchingTo: (topology: string) => ` → switching to ${topology}…`,
  switchFailed: (reason: string) => ` (switch failed: ${reason})`,
  youRelay: (n: number) =>
    f.plural(n, {
      one: ` · you relay ${f.number(n)} person's video`,
      other: ` · you relay ${f.number(n)} people's video`,
    }),
} as const;
