import type { AppStoreApi, FedEvent, SessionFeed } from '../store/types';
import type { AppSession } from './types';

const FED_EVENTS: readonly FedEvent[] = [
  'statusChanged',
  'roomChanged',
  'planChanged',
  'peerLeft',
  'remoteStreamChanged',
  'remoteStreamRemoved',
  'linkStateChanged',
  'chatReceived',
  'fileProgressed',
  'fileReceived',
  'errorRaised',
  'lobbyChanged',
  'handsChanged',
  'reacted',
  'recordingChanged',
  'framesCounted',
];

function wire<E extends FedEvent>(session: AppSession, feed: SessionFeed, event: E): () => void {
  return session.on(event, (payload) => feed[event](payload));
}

/**
 * The one place session events reach the store: each event calls its store action. Returns a
 * disposer that unsubscribes everything.
 */
export function connectBridge(session: AppSession, store: AppStoreApi): () => void {
  const feed = store.getState().feed;
  const disposers = FED_EVENTS.map((event) => wire(session, feed, event));
  // A session may already be past idle when the bridge connects (hot reload, late mount).
  if (session.status !== 'idle') feed.statusChanged({ status: session.status });
  if (session.room) feed.roomChanged(session.room);
  if (session.plan) feed.planChanged({ plan: session.plan, committed: true });
  return () => {
    for (const dispose of disposers) dispose();
  };
}
