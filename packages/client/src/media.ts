import type { MediaFlags } from '@meshwork/protocol';

/** True when both say the same about every medium. Pure. */
export function sameMedia(a: MediaFlags, b: MediaFlags): boolean {
  return a.audio === b.audio && a.video === b.video && a.screen === b.screen;
}

/** A track that sends: not stopped, and not disabled (a muted microphone keeps its track). */
function sending(track: MediaStreamTrack): boolean {
  return track.enabled !== false && track.readyState !== 'ended';
}

/** The audio and video flags a `cam` stream stands for: a kind is on only if a track sends it. Pure. */
export function camMediaFlags(stream: MediaStream | null): Pick<MediaFlags, 'audio' | 'video'> {
  return {
    audio: stream?.getAudioTracks().some(sending) ?? false,
    video: stream?.getVideoTracks().some(sending) ?? false,
  };
}
