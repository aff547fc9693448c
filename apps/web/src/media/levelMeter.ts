import type { LevelMeter } from './types';

interface Watched {
  stream: MediaStream;
  trackId: string;
  source: MediaStreamAudioSourceNode;
  analyser: AnalyserNode;
  buffer: Float32Array<ArrayBuffer>;
}

/** Audio level per stream through one shared AudioContext (Web Audio analysers, RMS). */
export function createWebAudioLevelMeter(): LevelMeter {
  let context: AudioContext | null = null;
  const watched = new Map<string, Watched>();

  const unwatch = (id: string): void => {
    const entry = watched.get(id);
    if (!entry) return;
    entry.source.disconnect();
    watched.delete(id);
  };

  return {
    watch(id, stream) {
      const track = stream.getAudioTracks()[0];
      const current = watched.get(id);
      if (current && current.stream === stream && current.trackId === track?.id) return;
      unwatch(id);
      if (!track) return;
      context ??= new AudioContext();
      const source = context.createMediaStreamSource(stream);
      const analyser = context.createAnalyser();
      analyser.fftSize = 512;
      source.connect(analyser);
      watched.set(id, {
        stream,
        trackId: track.id,
        source,
        analyser,
        buffer: new Float32Array(analyser.fftSize),
      });
    },
    unwatch,
    levels() {
      const levels = new Map<string, number>();
      for (const [id, { analyser, buffer }] of watched) {
        analyser.getFloatTimeDomainData(buffer);
        let sum = 0;
        for (const sample of buffer) sum += sample * sample;
        levels.set(id, Math.min(1, Math.sqrt(sum / buffer.length) * 4));
      }
      return levels;
    },
    close() {
      for (const id of [...watched.keys()]) unwatch(id);
      void context?.close();
      context = null;
    },
  };
}
