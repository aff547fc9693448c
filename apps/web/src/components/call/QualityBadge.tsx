import type { PeerId } from '@meshwork/protocol';
import { useLinkQuality } from '../../hooks/useLinkQuality';

const LABELS = {
  good: 'Good connection',
  fair: 'Fair connection',
  poor: 'Poor connection',
  unknown: 'Connection quality unknown',
};

/** Three bars for the link a tile's video arrives on; RTT and loss in the tooltip. */
export function QualityBadge({ via }: { via: PeerId | null }) {
  const { quality, latest } = useLinkQuality(via);
  if (!via) return null;
  const stats = latest.current;
  const detail = stats
    ? ` (RTT ${stats.rttMs === null ? '?' : Math.round(stats.rttMs)} ms, loss ${(stats.packetLoss * 100).toFixed(1)}%)`
    : '';
  return (
    <span
      className={`quality quality-${quality}`}
      role="img"
      aria-label={LABELS[quality]}
      title={LABELS[quality] + detail}
    >
      <i />
      <i />
      <i />
    </span>
  );
}
