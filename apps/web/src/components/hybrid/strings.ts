/** English text of the hybrid plan's settings, costs, picture and tiles (SPEC [P30]). */
export const HYBRID_STRINGS = {
  toggleLabel: 'Audio: direct to everyone',
  toggleHint:
    'Voice goes straight to each person (lowest delay, small uplink) while video keeps the star or ring.',
  toggleMeshHint: 'In a mesh, audio already goes direct to everyone.',
  toggleError: (code: string) => `The audio routing could not be changed (${code}).`,
  audioUp: 'Audio-only up',
  audioDown: 'Audio-only down',
  legendAudio: 'audio only',
  edgeAudioOnly: 'audio only',
  routeAudioDirect: 'audio direct',
  routeAudioHops: (hops: number) => `audio ${hops} hops`,
  routeVideo: (video: string) => `video ${video}`,
} as const;
