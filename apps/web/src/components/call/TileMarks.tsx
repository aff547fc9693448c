import type { PeerId } from '@meshwork/protocol';
import { useEffect, useState } from 'react';
import { useT } from '../../i18n/useT';
import { REACTION_EMOJI } from '../../labels';
import { useAppStore } from '../../store/StoreContext';

/** How long a reaction shows on its sender's tile; bounds the display only. */
export const REACTION_SHOW_MS = 4000;

/**
 * A person's raised hand (with its place in the order raised) and their latest reaction, over
 * their tile (SPEC [P26]). Each reaction shows for REACTION_SHOW_MS from when it arrived.
 */
export function TileMarks({ origin }: { origin: PeerId }) {
  const place = useAppStore((s) => s.hands.indexOf(origin) + 1);
  const latest = useAppStore((s) => s.reactions.findLast((r) => r.peer === origin) ?? null);
  const [shown, setShown] = useState<number | null>(null);
  const m = useT();
  useEffect(() => {
    if (latest === null) return;
    setShown(latest.id);
    const timer = setTimeout(() => setShown(null), REACTION_SHOW_MS);
    return () => clearTimeout(timer);
  }, [latest]);
  const reaction = latest && shown === latest.id ? latest.reaction : null;

  return (
    <>
      {place > 0 && (
        <span className="tile-hand" role="img" aria-label={m.call.handInLine(place)}>
          ✋ {place}
        </span>
      )}
      {reaction && (
        <span
          className="tile-reaction"
          role="img"
          aria-label={m.call.reacted(m.common.reaction[reaction])}
        >
          {REACTION_EMOJI[reaction]}
        </span>
      )}
    </>
  );
}
