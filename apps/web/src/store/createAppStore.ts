import { createStore } from 'zustand/vanilla';
import type { StoreDeps } from './deps';
import { createFeed } from './feed/createFeed';
import { createCallSlice } from './slices/callSlice';
import { createChatSlice } from './slices/chatSlice';
import { createE2eeSlice } from './slices/e2eeSlice';
import { createHandsSlice } from './slices/handsSlice';
import { createHostSlice } from './slices/hostSlice';
import { createMediaSlice } from './slices/mediaSlice';
import { createRecordingSlice } from './slices/recordingSlice';
import { createRoomSlice } from './slices/roomSlice';
import { createUiSlice } from './slices/uiSlice';
import { createUplinkSlice } from './slices/uplinkSlice';
import type { AppStore, AppStoreApi } from './types';

/** Creates the app store from its slices over injected side effects (session host, media, storage). */
export function createAppStore(deps: StoreDeps): AppStoreApi {
  return createStore<AppStore>()((set, get) => ({
    ...createRoomSlice(set, get, deps),
    ...createCallSlice(set, get, deps),
    ...createMediaSlice(set, get, deps),
    ...createChatSlice(set, get, deps),
    ...createHostSlice(set, get, deps),
    ...createHandsSlice(set, get, deps),
    ...createRecordingSlice(set, get, deps),
    ...createUiSlice(set, get, deps),
    ...createUplinkSlice(set, get, deps),
    ...createE2eeSlice(set, get, deps),
    feed: createFeed(set, get, deps.messages),
  }));
}
