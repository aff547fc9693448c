import { useEffect, useRef } from 'react';

/** One camera stream; the stream reaches the element through a ref effect. */
export function P2pVideo({
  stream,
  label,
  muted,
}: {
  stream: MediaStream;
  label: string;
  muted: boolean;
}) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    video.srcObject = stream;
    video.play().catch(() => {
      // Autoplay refused: the browser shows the first frame and the person can press play.
    });
  }, [stream]);
  return (
    <figure className="p2p-video" aria-label={label}>
      <video ref={ref} muted={muted} playsInline autoPlay />
      <figcaption>{label}</figcaption>
    </figure>
  );
}
