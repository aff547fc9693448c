import type { Reaction, Topology } from '@meshwork/protocol';

/** Display names of topologies, as the header, settings, picture and announcements say them. */
export const TOPOLOGY_LABELS: Readonly<Record<Topology, string>> = {
  mesh: 'Full mesh',
  star: 'Star',
  ring: 'Ring',
};

/** Each reaction's emoji and its name, as the reaction bar, tiles and announcements say them. */
export const REACTION_LABELS: Readonly<Record<Reaction, { emoji: string; name: string }>> = {
  'thumbs-up': { emoji: '👍', name: 'Thumbs up' },
  clap: { emoji: '👏', name: 'Clap' },
  laugh: { emoji: '😂', name: 'Laugh' },
  heart: { emoji: '❤️', name: 'Heart' },
  surprised: { emoji: '😮', name: 'Surprised' },
};
