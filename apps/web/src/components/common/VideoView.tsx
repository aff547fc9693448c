import { useEffect, useRef } from 'react';

interface Props {
  stream: MediaStream | null;
  /** The person's own preview is muted (no echo) and mirrored. */
  self?: boolean;
  className?: string;
  label?: string;
}

/**
 * One `<video>` element whose stream is set through a ref effect. When the stream changes (a
 * topology switch hands the same tile a new route), the same element gets the new stream, so
 * the tile never unmounts.
 */
export function VideoView({ stream, self = false, className, label }: Props) {
  const ref = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    // React does not keep the `muted` property in sync; the own preview must never echo.
    if (ref.current) ref.current.muted = self;
  }, [self]);

  useEffect(() => {
    const video = ref.current;
    if (!video || video.srcObject === stream) return;
    video.srcObject = stream;
    if (stream) {
      // Autoplay can be refused until the person interacts; the element retries on its own then.
      video.play().catch(() => {});
    }
  }, [stream]);

  return (
    <video
      ref={ref}
      className={className}
      autoPlay
      playsInline
      muted={self}
      aria-label={label}
      data-self={self || undefined}
    />
  );
}
