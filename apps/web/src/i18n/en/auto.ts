import { createFormat } from '../format';

const f = createFormat('en');

/** The automatic topology (SPEC [P28]): the setting, its hint and the reasons it gives. */
export const auto = {
  label: 'Automatic',
  /** Short names of mesh and star in the summary ("Mesh: 3 people"). */
  short: { mesh: 'Mesh', star: 'Star' },
  /** Between the parts of the summary. */
  separator: ', ',
  hint: 'The server picks: full mesh while the room is small and everyone keeps up, star when it grows or someone is held back.',
  /** Cost preview heading of Automatic: which topology it would run now. */
  wouldPick: (topology: string) => `Now: ${topology}`,
  people: (n: number) =>
    f.plural(n, { one: `${f.number(n)} person`, other: `${f.number(n)} people` }),
  cpu: (name: string) => `${name}'s CPU limited`,
  bandwidth: (name: string) => `${name}'s bandwidth limited`,
  uplink: (name: string) => `${name}'s uplink limited`,
  holding: 'about to change',
  serverHub: 'through the media server',
  /** The header: "Star: 6 people, Bo's uplink limited". */
  summary: (topology: string, parts: string) => `${topology}: ${parts}`,
  /** The header of an automatic room: "Automatic · Star: 6 people". */
  status: (summary: string) => `Automatic · ${summary}`,
  changed: (topology: string) => `Topology changed to ${topology} (Automatic)`,
} as const;
