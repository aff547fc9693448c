import { REACTIONS } from '@meshwork/protocol';
import { REACTION_LABELS } from '../../labels';
import { useAppStore } from '../../store/StoreContext';

/** Raise or lower this person's hand, and send one of the room's reactions (SPEC [P26]). */
export function ReactionBar() {
  const raised = useAppStore((s) => s.room !== null && s.hands.includes(s.room.selfId));
  const raiseHand = useAppStore((s) => s.raiseHand);
  const react = useAppStore((s) => s.react);
  return (
    <fieldset className="reaction-bar" aria-label="Hand and reactions">
      <button
        type="button"
        className={`btn btn-round${raised ? ' btn-active' : ''}`}
        aria-pressed={raised}
        aria-label={raised ? 'Lower hand' : 'Raise hand'}
        title={raised ? 'Lower hand' : 'Raise hand'}
        onClick={() => void raiseHand(!raised)}
      >
        <span aria-hidden="true">✋</span>
      </button>
      {REACTIONS.map((reaction) => (
        <button
          key={reaction}
          type="button"
          className="btn btn-reaction"
          aria-label={`React: ${REACTION_LABELS[reaction].name}`}
          title={REACTION_LABELS[reaction].name}
          onClick={() => void react(reaction)}
        >
          <span aria-hidden="true">{REACTION_LABELS[reaction].emoji}</span>
        </button>
      ))}
    </fieldset>
  );
}
