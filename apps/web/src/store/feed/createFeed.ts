import type { Messages } from '../../i18n/messages';
import type { SessionEvents } from '../../session/types';
import type { FedEvent, FeedReducers, GetStore, SessionFeed, SetStore } from '../types';
import { chatFeed } from './chatFeed';
import { e2eeFeed } from './e2eeFeed';
import { handsFeed } from './handsFeed';
import { lobbyFeed } from './lobbyFeed';
import { recordingFeed } from './recordingFeed';
import { roomFeed } from './roomFeed';
import { streamsFeed } from './streamsFeed';

/** Every session event's reducer, one per event. */
export const FEED_REDUCERS: FeedReducers = {
  ...roomFeed,
  ...streamsFeed,
  ...chatFeed,
  ...lobbyFeed,
  ...handsFeed,
  ...recordingFeed,
  ...e2eeFeed,
};

/** The bridge-fed half of the store: each session event becomes one replacement of state. */
export function createFeed(set: SetStore, get: GetStore, messages: () => Messages): SessionFeed {
  const apply =
    <E extends FedEvent>(event: E) =>
    (payload: SessionEvents[E]): void => {
      const patch = FEED_REDUCERS[event](get(), payload, messages());
      if (patch) set(patch);
    };
  return {
    statusChanged: apply('statusChanged'),
    roomChanged: apply('roomChanged'),
    planChanged: apply('planChanged'),
    peerLeft: apply('peerLeft'),
    remoteStreamChanged: apply('remoteStreamChanged'),
    remoteStreamRemoved: apply('remoteStreamRemoved'),
    linkStateChanged: apply('linkStateChanged'),
    chatReceived: apply('chatReceived'),
    fileProgressed: apply('fileProgressed'),
    fileReceived: apply('fileReceived'),
    errorRaised: apply('errorRaised'),
    lobbyChanged: apply('lobbyChanged'),
    handsChanged: apply('handsChanged'),
    reacted: apply('reacted'),
    recordingChanged: apply('recordingChanged'),
    framesCounted: apply('framesCounted'),
  };
}
