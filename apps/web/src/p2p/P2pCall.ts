import { type Clock, Emitter, type Logger } from '@meshwork/kit';
import { decodeCode, encodeCode, type P2pCodeError } from '@meshwork/mesh/p2p';
import { PeerLink } from '@meshwork/mesh/runtime';
import { type P2pMessage, type PeerId, parseP2pMessage, type Signal } from '@meshwork/protocol';
import { gatheringComplete } from './gathering';

/** Where a serverless call is. */
export type P2pCallState = 'idle' | 'offered' | 'answered' | 'connected' | 'failed' | 'closed';

/** Events of a serverless call. */
export interface P2pCallEvents {
  stateChanged: P2pCallState;
  remoteStreamChanged: MediaStream;
  chatReceived: string;
}

/** What a call needs from its platform. */
export interface P2pCallOptions {
  createPeerConnection: (config: RTCConfiguration) => RTCPeerConnection;
  /** The person's camera and microphone, added once the data channel opens. */
  localTracks: () => Promise<readonly MediaStreamTrack[]>;
  clock: Clock;
  logger: Logger;
}

/** Error of a call step: a refused code, or a code of the wrong kind for this step. */
export type P2pStepError = P2pCodeError | 'ERR_P2P_CODE_WRONG_KIND' | 'ERR_P2P_NEGOTIATION';

/** Longest wait for the link's first description (it is made at once; this only bounds it). */
export const FIRST_DESCRIPTION_TIMEOUT_MS = 5_000;
/** This call's own channel for signals and chat, beside the link's control channel (id 0). */
const SIGNAL_CHANNEL = { negotiated: true, id: 1, ordered: true } as const;
const ROLES = { offerer: 'p2p-offerer', answerer: 'p2p-answerer' } as const satisfies Record<
  string,
  PeerId
>;

/**
 * A call between two browsers with no signal server, on the mesh's `PeerLink` (perfect
 * negotiation, send slots, manifests): the link's first offer and answer travel as codes people
 * copy; every later signal, and chat, travels on a data channel of the same connection.
 */
export class P2pCall {
  readonly events: Emitter<P2pCallEvents>;
  readonly #opts: P2pCallOptions;
  #link: PeerLink | null = null;
  #pc: RTCPeerConnection | null = null;
  #channel: RTCDataChannel | null = null;
  #self: PeerId = ROLES.offerer;
  #state: P2pCallState = 'idle';
  #firstDescription: ((ok: boolean) => void) | null = null;
  readonly #early: Signal[] = [];
  #remoteIds = '';

  constructor(opts: P2pCallOptions) {
    this.#opts = opts;
    this.events = new Emitter(opts.logger);
  }

  /** The current state. */
  get state(): P2pCallState {
    return this.#state;
  }

  /** Makes the data-channel-first offer and resolves with its code. */
  async start(): Promise<string> {
    const pc = this.#open(true);
    if (!(await this.#waitFirstDescription())) throw new Error('the link made no offer');
    return this.#localCode(pc, 'offered');
  }

  /** Answers the other person's offer code; resolves with the answer code or an error. */
  async answer(code: string): Promise<{ code: string } | { error: P2pStepError }> {
    const decoded = await decodeCode(code, this.#opts.clock.now());
    if (!decoded.ok) return { error: decoded.error };
    if (decoded.description.type !== 'offer') return { error: 'ERR_P2P_CODE_WRONG_KIND' };
    const pc = this.#open(false);
    const answered = this.#waitFirstDescription();
    this.#link?.handleSignal({
      type: 'description',
      description: decoded.description,
      manifest: [],
    });
    if (!(await answered)) {
      // Back to idle, so another code can be tried.
      this.#link?.close();
      this.#link = null;
      this.#pc = null;
      return { error: 'ERR_P2P_NEGOTIATION' };
    }
    return { code: await this.#localCode(pc, 'answered') };
  }

  /** Completes the call with the other person's answer code; resolves with an error or null. */
  async complete(code: string): Promise<P2pStepError | null> {
    const decoded = await decodeCode(code, this.#opts.clock.now());
    if (!decoded.ok) return decoded.error;
    if (decoded.description.type !== 'answer' || this.#pc?.signalingState !== 'have-local-offer') {
      return 'ERR_P2P_CODE_WRONG_KIND';
    }
    this.#link?.handleSignal({
      type: 'description',
      description: decoded.description,
      manifest: [],
    });
    return null;
  }

  /** Sends a chat line; false when the channel is not open. */
  sendChat(text: string): boolean {
    return this.#send({ t: 'chat', text });
  }

  /** Closes the link (its channels and connection) and this call's channel; idempotent. */
  close(): void {
    if (this.#state === 'closed') return;
    this.#channel?.close();
    this.#link?.close();
    this.#firstDescription?.(false);
    this.#setState('closed');
  }

  #open(offerer: boolean): RTCPeerConnection {
    if (this.#link) throw new Error('a P2pCall makes one connection');
    this.#self = offerer ? ROLES.offerer : ROLES.answerer;
    const made: { pc: RTCPeerConnection | null } = { pc: null };
    const link = new PeerLink({
      self: this.#self,
      peer: offerer ? ROLES.answerer : ROLES.offerer,
      epoch: 1,
      offerer,
      polite: !offerer,
      createPeerConnection: (config) => {
        const pc = this.#opts.createPeerConnection(config);
        // Created before the link's own channel; both ride the one SCTP association.
        this.#channel = this.#openChannel(pc);
        made.pc = pc;
        return pc;
      },
      iceServers: [],
      clock: this.#opts.clock,
      logger: this.#opts.logger.child('p2p-link'),
    });
    this.#link = link;
    link.on('signalProduced', (signal) => this.#onLocalSignal(signal));
    link.on('incomingChanged', () => this.#onIncoming(link));
    link.on('errorRaised', () => this.#firstDescription?.(false));
    link.on('statusChanged', (status) => {
      if (status === 'failed') this.#setState('failed');
    });
    if (!made.pc) throw new Error('PeerLink made no connection');
    this.#pc = made.pc;
    return made.pc;
  }

  #openChannel(pc: RTCPeerConnection): RTCDataChannel {
    const channel = pc.createDataChannel('meshwork-p2p', SIGNAL_CHANNEL);
    channel.onopen = () => void this.#onChannelOpen();
    // The other person left (their page closes the call on pagehide): the call is over.
    channel.onclose = () => this.close();
    channel.onmessage = (event) => {
      const message = parseP2pMessage(event.data);
      if (message?.t === 'chat') this.events.emit('chatReceived', message.text);
      else if (message?.t === 'signal') this.#link?.handleSignal(message.signal);
    };
    return channel;
  }

  #waitFirstDescription(): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = this.#opts.clock.setTimeout(() => settle(false), FIRST_DESCRIPTION_TIMEOUT_MS);
      const settle = (ok: boolean) => {
        this.#opts.clock.clearTimeout(timer);
        this.#firstDescription = null;
        resolve(ok);
      };
      this.#firstDescription = settle;
    });
  }

  /** The first description goes into the code; later signals wait for the channel. */
  #onLocalSignal(signal: Signal): void {
    if (signal.type === 'description' && this.#firstDescription) {
      this.#firstDescription(true);
      return;
    }
    if (!this.#send({ t: 'signal', signal })) this.#early.push(signal);
  }

  async #localCode(pc: RTCPeerConnection, state: P2pCallState): Promise<string> {
    await gatheringComplete(pc, this.#opts.clock);
    const local = pc.localDescription;
    if (!local || (local.type !== 'offer' && local.type !== 'answer')) {
      throw new Error('no local description to encode');
    }
    const code = await encodeCode({ type: local.type, sdp: local.sdp }, this.#opts.clock.now());
    this.#setState(state);
    return code;
  }

  async #onChannelOpen(): Promise<void> {
    for (const signal of this.#early.splice(0)) this.#send({ t: 'signal', signal });
    this.#setState('connected');
    let tracks: readonly MediaStreamTrack[];
    try {
      tracks = await this.#opts.localTracks();
    } catch (error) {
      this.#opts.logger.warn('no camera or microphone', { error: String(error) });
      return;
    }
    const origin = this.#self;
    this.#link?.setOutgoing(
      tracks.map((track) => ({
        identity: { origin, key: 'camera', kind: track.kind === 'audio' ? 'audio' : 'video' },
        track,
      })),
    );
  }

  /** A new stream only when the set of tracks changed (not on decode news), so video never resets. */
  #onIncoming(link: PeerLink): void {
    const tracks = [...link.incoming.values()].map((incoming) => incoming.track);
    const ids = tracks.map((t) => t.id).join(' ');
    if (ids === this.#remoteIds) return;
    this.#remoteIds = ids;
    this.events.emit('remoteStreamChanged', new MediaStream(tracks));
  }

  #send(message: P2pMessage): boolean {
    if (this.#channel?.readyState !== 'open') return false;
    this.#channel.send(JSON.stringify(message));
    return true;
  }

  #setState(state: P2pCallState): void {
    if (this.#state === state || this.#state === 'closed') return;
    this.#state = state;
    this.events.emit('stateChanged', state);
  }
}
