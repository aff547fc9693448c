import type { Reaction } from '@meshwork/protocol';

/** Each reaction's emoji, as the reaction bar and tiles show it (its name is in the catalogue). */
export const REACTION_EMOJI: Readonly<Record<Reaction, string>> = {
  'thumbs-up': '👍',
  clap: '👏',
  laugh: '😂',
  heart: '❤️',
  surprised: '😮',
};
