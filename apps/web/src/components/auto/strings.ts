/** English text of the automatic topology (SPEC [P28]): the setting, its hint and its reasons. */
export const AUTO_STRINGS = {
  label: 'Automatic',
  hint: 'The server picks: full mesh while the room is small and everyone keeps up, star when it grows or someone is held back.',
  /** Cost preview heading of Automatic: which topology it would run now. */
  wouldPick: (topology: string) => `Now: ${topology}`,
  people: (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`,
  cpu: (name: string) => `${name}'s CPU limited`,
  bandwidth: (name: string) => `${name}'s bandwidth limited`,
  uplink: (name: string) => `${name}'s uplink limited`,
  holding: 'about to change',
  serverHub: 'through the media server',
  /** The header: "Star: 6 people, Bo's uplink limited". */
  summary: (topology: string, parts: readonly string[]) => `${topology}: ${parts.join(', ')}`,
} as const;
