import { createFormat } from '../format';

const f = createFormat('en');

/** Words many screens share: topologies, reactions, people, the region fallback. */
export const common = {
  topology: { mesh: 'Full mesh', star: 'Star', ring: 'Ring' },
  reaction: {
    'thumbs-up': 'Thumbs up',
    clap: 'Clap',
    laugh: 'Laugh',
    heart: 'Heart',
    surprised: 'Surprised',
  },
  /** The name shown for a peer whose name is not known. */
  someone: 'Someone',
  you: 'You',
  /** After a person's own name: `Ana (you)`. */
  youSuffix: ' (you)',
  people: (n: number) =>
    f.plural(n, { one: `${f.number(n)} person`, other: `${f.number(n)} people` }),
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  backToStart: 'Back to start',
  cancel: 'Cancel',
  send: 'Send',
  message: 'Message',
  chat: 'Chat',
  /** The region fallback: `Couldn't show this tile.` */
  couldNotShow: (what: string) => `Couldn't show ${what}.`,
  tryAgain: 'Try again',
  language: 'Language',
  /** What each region is, for its fallback. */
  region: {
    header: "the room's header",
    grid: 'the video grid',
    panel: 'this panel',
    controls: 'the call controls',
    settings: 'the settings',
    tile: 'this tile',
    messages: 'the messages',
    message: 'this message',
    files: 'the files',
    file: 'this file',
    lobby: 'the lobby',
    people: 'the people in the room',
    person: 'this person',
    picture: 'the topology picture',
    topologySettings: 'the topology settings',
    roomControls: 'the room controls',
  },
} as const;
