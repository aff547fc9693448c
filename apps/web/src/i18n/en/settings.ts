import { createFormat } from '../format';

const f = createFormat('en');

/** The settings dialog: topology, hub, room controls, devices, network, language. */
export const settings = {
  title: 'Settings',
  close: 'Close settings',
  devices: 'Devices',
  network: 'Network',
  topologyLegend: 'Topology (changes it for everyone)',
  topology: 'Topology',
  costWith: (people: string) => `Your cost with ${people} in the room:`,
  hint: {
    mesh: 'Everyone links to everyone: lowest delay, most uplink.',
    star: 'Everyone links to one hub, which relays: least uplink for others.',
    ring: 'Each links to two neighbours; video travels around the ring.',
  },
  topologyFailed: (reason: string) => `The topology could not be changed (${reason}).`,
  streamsUp: 'Streams up',
  streamsDown: 'Streams down',
  linksHeld: 'Links held',
  hopsFarthest: 'Hops to farthest',
  hub: 'Hub',
  serverNoReencode: 'Server: 0 re-encodes',
  serverLoad: 'Server load',
  load: (streams: number, max: number, cpu: number) =>
    `${f.number(streams)} of ${f.number(max)} streams · ${f.number(Math.round(cpu))} % CPU`,
  reencodes: 'Re-encodes',
  starHub: 'Star hub',
  automatic: 'Automatic',
  automaticNow: (hub: string) => `Automatic (now ${hub})`,
  elected: 'elected',
  serverHub: 'Server (forwards video, no re-encoding)',
  hubHint:
    "The hub relays everyone's video. A person's browser re-encodes it; the server forwards it as it comes.",
  onlyHost: 'Only the host can change this in this room.',
  onlyHostNamed: (name: string) => `Only the host (${name}) can change this in this room.`,
  roomTitle: 'Room (you are the host)',
  whoControls: 'Who can change topology and hub',
  everyone: 'Everyone',
  hostOnly: 'Host only',
  lock: 'Lock the room (no one new can join)',
  lobby: 'Lobby (newcomers wait until you let them in)',
  changePasswordLabel: 'Change the room password',
  setPasswordLabel: 'Set a room password',
  changePassword: 'Change password',
  setPassword: 'Set password',
  removePassword: 'Remove password',
  passwordOn: 'Joining needs the password.',
  passwordOff: 'Anyone with the link can join.',
  uploadBudget: 'Upload budget',
  uploadHint:
    'Everything you send shares it, streams you relay for others included: less upload means smaller pictures, not frozen ones.',
  language: 'Language',
} as const;
