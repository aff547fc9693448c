import { useEffect, useRef } from 'react';
import type { LevelMeter } from '../media/types';
import { useAppStore, useStoreApi } from '../store/StoreContext';

/** How often audio levels are sampled; levels stay out of state, only the winner is stored. */
const SPEAKER_POLL_MS = 250;
/** Below this level nobody is speaking. */
const SPEAKING_LEVEL = 0.06;

/**
 * Watches every camera stream's audio level (own microphone included) and marks the loudest
 * speaker as the active one. One meter lives as long as the call view.
 */
export function useActiveSpeaker(): void {
  const store = useStoreApi();
  const meterRef = useRef<LevelMeter | null>(null);
  const selfId = useAppStore((s) => s.room?.selfId ?? null);
  const localStream = useAppStore((s) => (s.local.audio ? s.local.stream : null));
  const remoteStreams = useAppStore((s) => s.remoteStreams);

  useEffect(() => {
    const meter = store.getState().createLevelMeter();
    meterRef.current = meter;
    const timer = setInterval(() => {
      let loudest: string | null = null;
      let best = SPEAKING_LEVEL;
      for (const [id, level] of meter.levels()) {
        if (level > best) {
          best = level;
          loudest = id;
        }
      }
      // Keep the last speaker highlighted through short pauses.
      if (loudest) store.getState().setActiveSpeaker(loudest);
    }, SPEAKER_POLL_MS);
    return () => {
      clearInterval(timer);
      meter.close();
      meterRef.current = null;
    };
  }, [store]);

  useEffect(() => {
    const meter = meterRef.current;
    if (!meter) return;
    const wanted = new Map<string, MediaStream>();
    if (selfId && localStream) wanted.set(selfId, localStream);
    for (const remote of remoteStreams.values()) {
      if (remote.key === 'cam') wanted.set(remote.origin, remote.stream);
    }
    for (const id of meter.levels().keys()) if (!wanted.has(id)) meter.unwatch(id);
    for (const [id, stream] of wanted) meter.watch(id, stream);
  }, [selfId, localStream, remoteStreams]);
}
