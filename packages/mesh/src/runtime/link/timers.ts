import type { Timers } from '@meshwork/kit';

/**
 * The part of the link's one `Timers` a link part may use: it sets and clears its own names, and
 * the link clears them all at once on close.
 */
export type NamedTimers<Name extends string> = Pick<Timers<Name>, 'set' | 'clear' | 'has'>;
