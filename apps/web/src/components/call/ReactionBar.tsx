import { REACTIONS } from '@meshwork/protocol';
import { useT } from '../../i18n/useT';
import { REACTION_EMOJI } from '../../labels';
import { useAppStore } from '../../store/StoreContext';

/** Raise or lower this person's hand, and send one of the room's reactions (SPEC [P26]). */
export function ReactionBar() {
  const raised = useAppStore((s) => s.room !== null && s.hands.includes(s.room.selfId));
  const raiseHand = useAppStore((s) => s.raiseHand);
  const react = useAppStore((s) => s.react);
  const m = useT();
  const t = m.call;
  const handLabel = raised ? t.lowerHand : t.raiseHand;
  return (
    <fieldset className="reaction-bar" aria-label={t.handsAndReactions}>
      <button
        type="button"
        className={`btn btn-round${raised ? ' btn-active' : ''}`}
        aria-pressed={raised}
        aria-label={handLabel}
        title={handLabel}
        onClick={() => void raiseHand(!raised)}
      >
        <span aria-hidden="true">✋</span>
      </button>
      {REACTIONS.map((reaction) => (
        <button
          key={reaction}
          type="button"
          className="btn btn-reaction"
          aria-label={t.react(m.common.reaction[reaction])}
          title={m.common.reaction[reaction]}
          onClick={() => void react(reaction)}
        >
          <span aria-hidden="true">{REACTION_EMOJI[reaction]}</span>
        </button>
      ))}
    </fieldset>
  );
}
