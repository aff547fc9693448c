import { systemClock } from '@meshwork/kit';
import { useEffect, useState } from 'react';
import { type StoreApi, useStore } from 'zustand';
import { consoleLogger } from '../consoleLogger';
import type { MediaApi } from '../media/types';
import { P2pCall } from './P2pCall';
import { bridgeP2pCall, createP2pStore, type P2pState } from './p2pStore';

/** Makes one call and its store for the page's life; closes the call and its tracks on unmount. */
export function useP2pCallStore(media: MediaApi): StoreApi<P2pState> {
  const [parts] = useState(() => {
    let store: StoreApi<P2pState> | null = null;
    const call = new P2pCall({
      createPeerConnection: (config) => new RTCPeerConnection(config),
      clock: systemClock,
      logger: consoleLogger('p2p'),
      async localTracks() {
        const result = await media.capture({ audio: true, video: true });
        const tracks = [result.audio, result.video].filter((t): t is MediaStreamTrack => !!t);
        const problem = result.problems.audio !== null || result.problems.video !== null;
        store?.getState().setLocalStream(tracks.length ? new MediaStream(tracks) : null, problem);
        return tracks;
      },
    });
    store = createP2pStore(call);
    return { call, store };
  });
  useEffect(() => {
    const off = bridgeP2pCall(parts.call, parts.store);
    return () => {
      off();
    };
  }, [parts]);
  useEffect(() => {
    // Closing emits `closed`, on which the bridge above stops the camera and microphone.
    const close = () => parts.call.close();
    window.addEventListener('pagehide', close);
    return () => window.removeEventListener('pagehide', close);
  }, [parts]);
  return parts.store;
}

/** Reads a slice of the page's store. */
export function useP2p<T>(store: StoreApi<P2pState>, pick: (state: P2pState) => T): T {
  return useStore(store, pick);
}
