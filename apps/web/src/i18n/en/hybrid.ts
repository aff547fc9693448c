import { createFormat } from '../format';

const f = createFormat('en');

/** The hybrid plan (SPEC [P30]): its setting, costs, picture and tiles. */
export const hybrid = {
  toggleLabel: 'Audio: direct to everyone',
  toggleHint:
    'Voice goes straight to each person (lowest delay, small uplink) while video keeps the star or ring.',
  toggleMeshHint: 'In a mesh, audio already goes direct to everyone.',
  toggleError: (reason: string) => `The audio routing could not be changed: ${reason}`,
  audioUp: 'Audio-only up',
  audioDown: 'Audio-only down',
  legendAudio: 'audio only',
  linkAudioOnly: (link: string) => `${link}, audio only`,
  edgeAudioOnly: 'audio only',
  routeAudioDirect: 'audio direct',
  routeAudioHops: (hops: number) =>
    f.plural(hops, { one: `audio ${f.number(hops)} hop`, other: `audio ${f.number(hops)} hops` }),
  routeVideo: (video: string) => `video ${video}`,
  /** A tile whose audio and video travel apart: "audio direct, video via Ana · 2 hops". */
  routeBoth: (audio: string, video: string) => `${audio}, ${video}`,
} as const;
