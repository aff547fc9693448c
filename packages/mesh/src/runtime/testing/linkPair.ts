// Test support: two PeerLinks over fake peer connections, joined by a signal bus the test can
// hold, reorder and release. Not part of the package's export list.
import type { Signal } from '@meshwork/protocol';
import { noopLogger } from '../defaults';
import { PeerLink } from '../PeerLink';
import type { MeshError } from '../types';
import { FakeClock, FakeNetwork, type FakePeerConnection, fakeFactory } from './FakePeerConnection';

/** One signal in flight. */
export interface InFlight {
  from: 'a' | 'b';
  signal: Signal;
}

/** Yields to the event loop until the fakes and the bus have nothing left to do. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Yields to the event loop until `predicate` holds; fails after `maxMs` of real time. */
export async function until(predicate: () => boolean, label: string, maxMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > maxMs) throw new Error(`timed out waiting for: ${label}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
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
  };
}
