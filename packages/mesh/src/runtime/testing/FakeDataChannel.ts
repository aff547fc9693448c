// Test support: a negotiated data channel. Not part of the package's export list.
import { FakeEventTarget } from './FakeEventTarget';

/** The connection a channel belongs to, as the channel sees it. */
export interface FakeChannelOwner {
  /** Calls in order, for assertions about ordering. */
  readonly log: string[];
  /** The connection at the other end, if known yet. */
  farEnd(): { readonly channels: readonly FakeDataChannel[] } | undefined;
  /** The network the connection is on: nothing gets through while it is blocked. */
  readonly network?: { readonly blocked: boolean };
}

/** A negotiated data channel; messages go to the channel with the same id on the far end. */
export class FakeDataChannel extends FakeEventTarget {
  readyState: 'connecting' | 'open' | 'closing' | 'closed' = 'connecting';
  bufferedAmount = 0;
  bufferedAmountLowThreshold = 0;
  readonly sent: string[] = [];

  constructor(
    readonly owner: FakeChannelOwner,
    readonly id: number,
  ) {
    super();
  }

  send(data: string): void {
    if (this.readyState !== 'open') throw new Error('InvalidStateError: channel not open');
    this.sent.push(data);
    const far = this.owner.farEnd()?.channels.find((c) => c.id === this.id);
    if (this.owner.network?.blocked) return;
    queueMicrotask(() => {
      if (far?.readyState === 'open') far.dispatch('message', { data });
    });
  }

  close(): void {
    if (this.readyState === 'closed') return;
    this.readyState = 'closed';
    this.owner.log.push('channel.close');
    this.dispatch('close');
  }

  /** Opens the channel (the connection does, once both ends are connected). */
  open(): void {
    if (this.readyState !== 'connecting') return;
    this.readyState = 'open';
    this.dispatch('open');
  }
}
