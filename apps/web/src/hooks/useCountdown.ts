import { useEffect, useState } from 'react';

/** Display tick of a countdown; bounds the display only, never orders work. */
const COUNTDOWN_TICK_MS = 250;

/** Whole seconds left until `deadline` (ms since epoch), ticking down; null without a deadline. */
export function useCountdown(deadline: number | null, now: () => number = Date.now): number | null {
  const [left, setLeft] = useState(() => (deadline === null ? null : secondsLeft(deadline, now())));
  useEffect(() => {
    if (deadline === null) {
      setLeft(null);
      return;
    }
    setLeft(secondsLeft(deadline, now()));
    const timer = setInterval(() => setLeft(secondsLeft(deadline, now())), COUNTDOWN_TICK_MS);
    return () => clearInterval(timer);
  }, [deadline, now]);
  return left;
}

function secondsLeft(deadline: number, now: number): number {
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}
