import type { PeerId } from '@meshwork/protocol';
import { useLinkQuality } from '../../hooks/useLinkQuality';
import { useFormat, useT } from '../../i18n/useT';

/** Three bars for the link a tile's video arrives on; RTT and loss in the tooltip. */
export function QualityBadge({ via }: { via: PeerId | null }) {
  const { quality, latest } = useLinkQuality(via);
  const t = useT().call;
  const f = useFormat();
  if (!via) return null;
  const stats = latest.current;
  const label = t.quality[quality];
  const title = stats
    ? t.qualityDetail(
        label,
        stats.rttMs === null ? t.unknownValue : f.ms(Math.round(stats.rttMs)),
        f.percent(stats.packetLoss),
      )
    : label;
  return (
    <span className={`quality quality-${quality}`} role="img" aria-label={label} title={title}>
      <i />
      <i />
      <i />
    </span>
  );
}
