/**
 * Whether `el` has a picture to draw now: a decoded frame of known size, from a video track that
 * has not ended (an ended track's element shows black, not its last frame).
 */
export function hasPicture(el: HTMLVideoElement): boolean {
  if (el.videoWidth === 0 || el.readyState < 2) return false;
  const stream = el.srcObject as Pick<MediaStream, 'getVideoTracks'> | null;
  const tracks = typeof stream?.getVideoTracks === 'function' ? stream.getVideoTracks() : [];
  return !tracks.some((t) => t.readyState === 'ended');
}
