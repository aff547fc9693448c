// Test support: makes one peer of a WrtcRoom hostile. Wraps its peer connection factory so a
// test can rewrite what that peer puts on its control channels (a relay tampering in flight) and
// put raw messages of its own on them (a forger). Not part of the package's export list.
import { type PeerMessage, parsePeerMessage } from '@meshwork/protocol';
import type { CreatePeerConnection } from '../types';

/** Rewrites one outgoing message; null drops it. */
export type Rewrite = (message: PeerMessage) => PeerMessage | null;

/** The control channels of one peer, tapped. */
export class ChannelTap {
  private readonly channels: Array<{ channel: RTCDataChannel; send: (data: string) => void }> = [];
  /** Every message this peer's controller put on a channel, as sent (before any rewrite). */
  readonly sent: PeerMessage[] = [];
  /** Applied to every message this peer sends from now on. */
  rewrite: Rewrite = (m) => m;

  /** The factory the hostile peer's controller is given. */
  wrap(create: CreatePeerConnection): CreatePeerConnection {
    return (config) => {
      const pc = create(config);
      const createDataChannel = pc.createDataChannel.bind(pc);
      pc.createDataChannel = (label, init) => {
        const channel = createDataChannel(label, init);
        const send = channel.send.bind(channel);
        this.channels.push({ channel, send });
        const tapped = (data: string) => {
          const parsed = parsePeerMessage(data);
          if (parsed !== null) this.sent.push(parsed);
          const out = parsed === null ? null : this.rewrite(parsed);
          if (parsed === null) send(data);
          else if (out !== null) send(JSON.stringify(out));
        };
        // The runtime sends only text on its control channels.
        channel.send = tapped as RTCDataChannel['send'];
        return channel;
      };
      return pc;
    };
  }

  /** Control channels of this peer that are open now. */
  get open(): number {
    return this.channels.filter((c) => c.channel.readyState === 'open').length;
  }

  /** Puts `message` on every open control channel of this peer, past its controller; the count. */
  inject(message: unknown): number {
    const open = this.channels.filter((c) => c.channel.readyState === 'open');
    for (const { send } of open) send(JSON.stringify(message));
    return open.length;
  }
}
