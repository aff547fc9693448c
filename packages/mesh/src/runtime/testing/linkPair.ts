// Test support: two PeerLinks over fake peer connections, joined by a signal bus the test can
// hold, reorder and release. Not part of the package's export list.
import { FakeClock, noopLogger, until } from '@meshwork/kit';
import type { Signal } from '@meshwork/protocol';
import { PeerLink } from '../link/PeerLink';
import type { MeshError } from '../types';
import { FakeNetwork, type FakePeerConnection, fakeFactory } from './FakePeerConnection';

/** One signal in flight. */
export interface InFlight {
  from: 'a' | 'b';
  signal: Signal;
}

/**
 * Yields to the event loop a fixed number of turns. Only for asserting that something does NOT
 * happen (no offer, no error, no decode): there is no predicate to wait for then. Wherever a
 * state is awaited, wait for it with `until` from `@meshwork/kit` instead.
 */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Two linked PeerLinks: `a` joined first, so it is the offerer and impolite. */
export function linkPair(options: { implicitDescription?: boolean } = {}) {
  const network = new FakeNetwork();
  const clock = new FakeClock();
  const factory = fakeFactory(network);
  const common = { createPeerConnection: factory, iceServers: [], clock, logger: noopLogger };
  const a = new PeerLink({
    ...common,
    self: 'peer-aaaa',
    peer: 'peer-bbbb',
    epoch: 1,
    offerer: true,
    polite: false,
  });
  const b = new PeerLink({
    ...common,
    self: 'peer-bbbb',
    peer: 'peer-aaaa',
    epoch: 1,
    offerer: false,
    polite: true,
  });
  const [pcA, pcB] = network.created as [FakePeerConnection, FakePeerConnection];
  if (options.implicitDescription === false) {
    pcA.supportsImplicitDescription = false;
    pcB.supportsImplicitDescription = false;
  }
  const held: InFlight[] = [];
  const sent: InFlight[] = [];
  const errors: MeshError[] = [];
  let holding = false;
  const deliver = (m: InFlight) => (m.from === 'a' ? b : a).handleSignal(m.signal);
  for (const [name, link] of [
    ['a', a],
    ['b', b],
  ] as const) {
    link.on('signalProduced', (signal) => {
      const m = { from: name, signal };
      sent.push(m);
      if (holding) held.push(m);
      else queueMicrotask(() => deliver(m));
    });
    link.on('errorRaised', (e) => errors.push(e));
  }
  return {
    a,
    b,
    pcA,
    pcB,
    clock,
    network,
    sent,
    errors,
    /** Signals held so far (see `hold`). */
    get held(): readonly InFlight[] {
      return held;
    },
    /** Queue signals instead of delivering them. */
    hold() {
      holding = true;
    },
    /** Deliver held signals (in the given order, or as sent) and resume delivery. */
    release(order?: (held: InFlight[]) => InFlight[]) {
      holding = false;
      const list = order ? order(held.splice(0)) : held.splice(0);
      for (const m of list) deliver(m);
    },
    /** Resolves once both links are connected with their control channels open. */
    connected(): Promise<void> {
      return until(
        () =>
          a.status === 'connected' && b.status === 'connected' && a.channelOpen && b.channelOpen,
        { what: 'both links connected with the control channel open' },
      );
    },
  };
}
