import type { Topology } from '@meshwork/protocol';

/** Display names of topologies, as the header, settings, picture and announcements say them. */
export const TOPOLOGY_LABELS: Readonly<Record<Topology, string>> = {
  mesh: 'Full mesh',
  star: 'Star',
  ring: 'Ring',
};
