import type { CreatePeerConnection } from '@meshwork/mesh/runtime';

/**
 * Wraps a `createPeerConnection` factory to count the peer connections it made and those still
 * open. Open means not closed, read from `signalingState` (which `close()` sets at once), so the
 * peer connections themselves are never patched.
 */
export class PeerConnectionCounter {
  readonly #made = new Set<RTCPeerConnection>();
  #created = 0;
  readonly #createInner: CreatePeerConnection;

  constructor(create: CreatePeerConnection) {
    this.#createInner = create;
  }

  /** The factory to inject: makes a peer connection through the wrapped one and counts it. */
  readonly create: CreatePeerConnection = (config) => {
    const pc = this.#createInner(config);
    this.#created++;
    this.#made.add(pc);
    return pc;
  };

  /** Peer connections ever made (a rebuilt link counts again). */
  get created(): number {
    return this.#created;
  }

  /** Peer connections made and not closed. */
  get open(): number {
    // Forget closed ones as they are seen, so a long-running bot holds only live connections.
    for (const pc of this.#made) if (pc.signalingState === 'closed') this.#made.delete(pc);
    return this.#made.size;
  }

  /** Peer connections made and closed since. */
  get closed(): number {
    return this.#created - this.open;
  }
}
