import type { Messages } from './messages';

// biome-ignore lint/suspicious/noExplicitAny: any message signature
type Fn = (...args: any[]) => string;

/** Whether a catalogue value is, or holds, a message with parameters. */
type HasFn<T> = T extends Fn
  ? true
  : T extends string
    ? false
    : true extends { [K in keyof T]: HasFn<T[K]> }[keyof T]
      ? true
      : false;

/** For every message with parameters, argument lists to call it with; nested like the catalogue. */
export type Samples<T = Messages> = {
  [K in keyof T as HasFn<T[K]> extends true ? K : never]: T[K] extends (...args: infer P) => string
    ? readonly P[]
    : Samples<T[K]>;
};

const COUNTS: [number][] = [[0], [1], [2], [5], [21]];
const NAME: [string] = ['Ana'];
const NAME_REASON: [string, string][] = [['Ana', 'Only the host can do that.']];

/**
 * Arguments for every message with parameters. Typed over the catalogue, so a new message with
 * parameters fails typecheck until it has samples here; counts go through every plural category.
 */
export const SAMPLES: Samples = {
  common: { people: COUNTS, couldNotShow: [['the chat']] },
  prejoin: { unnamed: { videoinput: [[1], [2]], audioinput: [[1], [3]] } },
  call: {
    unread: [
      ['Open chat', 1],
      ['Open chat', 3],
    ],
    waitingBadge: [
      ['Participants', 1],
      ['Participants', 2],
    ],
    react: [['Clap']],
    reacted: [['Clap']],
    handInLine: [[1], [2]],
    pin: [NAME],
    unpin: [NAME],
    cantConnect: [NAME],
    screenOf: [NAME],
    hops: COUNTS,
    via: [['Ana', '2 hops']],
    moreRelays: [['Ana, Bo', 1]],
    qualityDetail: [['Good connection', '40 ms', '1.5%']],
    topologyIs: [['Star']],
    hubIs: [NAME],
    switchingTo: [['Ring']],
    switchFailed: [['Only the host can do that.']],
    youRelay: COUNTS,
  },
  panels: {
    download: [['notes.pdf']],
    verified: [['0123456789ab']],
    hashTitle: [['0123456789abcdef']],
    sending: [['notes.pdf']],
    receiving: [['notes.pdf']],
    lowerHandOf: [NAME],
    makeHostOf: [NAME],
    removeOf: [NAME],
    waitingCount: COUNTS,
    letInOf: [NAME],
    turnAwayOf: [NAME],
  },
  settings: {
    costWith: [['3 people']],
    topologyFailed: [['Only the host can do that.']],
    load: [
      [6, 400, 12],
      [1200, 4000, 38],
    ],
    automaticNow: [NAME],
    onlyHostNamed: [NAME],
  },
  room: {
    waitingText: [['brave-otter-42']],
    retryingIn: [['in 3 seconds']],
    attempt: [[1], [2]],
  },
  announce: {
    joined: [NAME],
    left: [NAME],
    droppedOut: [NAME],
    lostConnection: [NAME],
    back: [NAME],
    topologyChanged: [['Star']],
    nowHost: [NAME],
    fileFailed: [NAME],
    linkFailed: [NAME],
    messageFailed: [NAME],
    asking: [NAME],
    raisedHand: [NAME],
    shared: [['Ana', 'notes.pdf']],
    chatNotSent: [['Join a room first.']],
    fileNotSent: [['notes.pdf', 'Join a room first.']],
    handNotRaised: [['Join a room first.']],
    handNotLowered: [['Join a room first.']],
    othersHandNotLowered: NAME_REASON,
    reactionNotSent: [['Join a room first.']],
    roomNotChanged: [['Only the host can do that.']],
    notRemoved: NAME_REASON,
    notMadeHost: NAME_REASON,
    notLetIn: NAME_REASON,
    notTurnedAway: NAME_REASON,
    hubNotChanged: [['Only the host can do that.']],
  },
  errors: { unknown: [['ERR_SOMETHING_NEW']] },
  topology: {
    picture: [
      ['Star', 1],
      ['Star', 3],
    ],
    rtt: [['40 ms']],
    linkFailed: [['Ana', 'Bo']],
    link: [['Ana', 'Bo', 'connected', 'RTT 40 ms']],
    reencodes: [['Ana', 'Bo and Cy']],
  },
  auto: {
    wouldPick: [['Star']],
    people: COUNTS,
    cpu: [NAME],
    bandwidth: [NAME],
    uplink: [NAME],
    summary: [['Star', "6 people, Bo's CPU limited"]],
    status: [['Star: 6 people']],
    changed: [['Star']],
  },
  hybrid: {
    toggleError: [['Only the host can do that.']],
    linkAudioOnly: [['Ana – Bo: connected, RTT 40 ms']],
    routeAudioHops: [[2], [3]],
    routeVideo: [['via Ana · 2 hops']],
    routeBoth: [['audio direct', 'video via Ana · 2 hops']],
  },
  recording: {
    whoRecords: [['Ana and Bo']],
    titled: [['Ana, you']],
    started: [NAME],
    stopped: [NAME],
    saved: [['meshwork-room-2026-12-01.webm']],
    failed: [['This browser cannot record the call']],
    screenOf: [NAME],
  },
  e2ee: {
    shieldRelayedHint: [['Ana']],
    decodedBy: [['Bo (relay)']],
    forwardedBy: [['Server (media hub)']],
    withRole: [['Bo', 'relay']],
    cannotDecryptFrom: [['Ana']],
    cannotDecrypt: [NAME],
    badKey: [NAME],
    confirmBody: [['ring', 'Ana and Bo']],
  },
};
