import { createFormat } from '../format';

const f = createFormat('en');

/** The topology picture: its description, link titles and legend. */
export const topology = {
  waitingPlan: "Waiting for the room's plan…",
  picture: (topology: string, n: number) =>
    f.plural(n, {
      one: `${topology} topology of ${f.number(n)} peer`,
      other: `${topology} topology of ${f.number(n)} peers`,
    }),
  rtt: (ms: string) => `RTT ${ms}`,
  rttUnknown: 'RTT unknown',
  linkFailed: (a: string, b: string) => `${a} – ${b}: failed, can't connect`,
  link: (a: string, b: string, state: string, rtt: string) => `${a} – ${b}: ${state}, ${rtt}`,
  reencodes: (name: string, of: string) => `${name} re-encodes video of ${of}`,
  hubMark: ' (hub)',
  state: {
    connected: 'connected',
    connecting: 'connecting',
    disconnected: 'disconnected',
    failed: 'failed',
  },
  relay: 'relay (re-encodes)',
} as const;
