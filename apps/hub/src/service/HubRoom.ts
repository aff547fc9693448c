import { ClientSession, type SessionStatus } from '@meshwork/client';
import { backgroundClock, type Clock, type Logger, noopLogger } from '@meshwork/kit';
import type { HubLoadHint } from '@meshwork/protocol';
import type { MediaStreamTrack as WeriftTrack } from 'werift';
import { ForwardingTap, type LinkView } from '../forwarding/ForwardingTap';
import type { OriginCount } from '../metrics/OriginCounters';
import { BandwidthShaper, type ShapingStats } from '../shaping/BandwidthShaper';
import { createWeriftMediaStream, weriftPeerConnections } from '../werift/peerConnections';

/** Display name the hub joins rooms under. */
export const HUB_DISPLAY_NAME = 'Server';

/** Options of one room the hub serves. */
export interface HubRoomOptions {
  url: string;
  roomId: string;
  /** `HUB_SECRET`: lets the hub claim the `server` device class ([P17]). */
  hubToken: string;
  hostAddresses?: readonly string[];
  /** Caps origins by their receivers' bandwidth estimates ([P32]); off unless asked. */
  shaping?: boolean;
  clock?: Clock;
  logger?: Logger;
}

/** Counters of one room, for the hub's stats endpoint and tests. */
export interface HubRoomStats {
  roomId: string;
  status: SessionStatus;
  /** Whether the current plan makes this hub the room's star hub. */
  isHub: boolean;
  /** Tracks forwarded to at least one receiver now. */
  forwardedStreams: number;
  origins: OriginCount[];
  /** Receivers' bandwidth estimates and the caps sent to origins ([P32]). */
  shaping: ShapingStats;
  /** Each link's transceivers, when asked for (`/stats?links=1`). */
  links?: LinkView[];
}

/**
 * The hub in one room: a ClientSession on werift, so it speaks the room's whole protocol (signed
 * join, plans, perfect negotiation, stream manifests, relayed room data) like any peer, with no
 * camera of its own. When the plan makes it the star's hub, the mesh runtime relays each origin's
 * received track onto every other link, which on werift forwards RTP without decoding.
 */
export class HubRoom {
  readonly roomId: string;
  readonly session: ClientSession;
  readonly #tap: ForwardingTap;
  readonly #shaper: BandwidthShaper | null;
  readonly #options: HubRoomOptions;
  readonly #disposers: Array<() => void> = [];
  #closed = false;
  #shownLoad = '';

  constructor(options: HubRoomOptions) {
    this.#options = options;
    this.roomId = options.roomId;
    const logger = options.logger ?? noopLogger;
    this.#tap = new ForwardingTap({
      logger: logger.child('forwarding'),
      ...(options.clock ? { clock: options.clock } : {}),
    });
    this.#shaper = options.shaping
      ? new BandwidthShaper({
          view: this.#tap,
          clock: options.clock ?? backgroundClock,
          logger: logger.child('shaping'),
        })
      : null;
    this.session = new ClientSession({
      url: options.url,
      createPeerConnection: weriftPeerConnections({
        hostAddresses: options.hostAddresses ?? [],
        created: (pc) => {
          this.#tap.attach(pc);
          this.#shaper?.attach(pc);
        },
      }),
      createMediaStream: createWeriftMediaStream,
      logger: logger.child('session'),
      maxReconnectAttempts: Number.POSITIVE_INFINITY,
      ...(options.clock ? { clock: options.clock } : {}),
    });
    this.#disposers.push(
      // What an operator reads to follow the room: the plans it commits and its links' states.
      this.session.on('planChanged', ({ plan, committed }) => {
        if (!committed) return;
        const hub = plan.hub === plan.self ? 'this hub' : plan.hub;
        logger.info('plan committed', { version: plan.version, topology: plan.topology, hub });
      }),
      this.session.on('linkStateChanged', ({ peer, status }) => {
        logger.info('link', { peer, status });
      }),
      this.session.on('remoteStreamChanged', ({ origin, stream }) => {
        for (const track of stream.getTracks()) {
          this.#tap.setOrigin(track as unknown as WeriftTrack, origin);
        }
      }),
    );
  }

  /** Joins the room as the `server` device class. */
  join(): Promise<void> {
    return this.session.join({
      roomId: this.#options.roomId,
      displayName: HUB_DISPLAY_NAME,
      media: { audio: false, video: false, screen: false },
      capacity: { deviceClass: 'server' },
      hubToken: this.#options.hubToken,
    });
  }

  /**
   * Shows the people of this room what the hub carries ([P24]); sent only once joined and only
   * when it changed since the last one sent.
   */
  showLoad(load: HubLoadHint): void {
    if (this.#closed || this.session.status !== 'joined') return;
    const key = `${load.streams}/${load.maxStreams}/${load.cpuPercent}`;
    if (key === this.#shownLoad) return;
    this.#shownLoad = key;
    this.session.updateCapacity({ deviceClass: 'server', hubLoad: load });
  }

  /** Tracks forwarded to at least one receiver now. */
  get forwardedStreams(): number {
    return this.#tap.forwardedStreams;
  }

  /** People in the room besides the hub. */
  get people(): number {
    const room = this.session.room;
    return room ? room.peers.filter((p) => p.id !== room.selfId).length : 0;
  }

  /** This room's counters now, with each link's transceivers if `links`. */
  stats(options: { links?: boolean } = {}): HubRoomStats {
    const plan = this.session.plan;
    return {
      roomId: this.roomId,
      status: this.session.status,
      isHub: plan !== null && plan.hub === this.session.selfId,
      forwardedStreams: this.#tap.forwardedStreams,
      origins: this.#tap.counters.rows(),
      shaping: this.#shaper?.stats() ?? { receivers: [], origins: [] },
      ...(options.links ? { links: this.#tap.describeLinks() } : {}),
    };
  }

  /** Leaves the room, then closes. Idempotent. */
  async leave(): Promise<void> {
    if (this.#closed) return;
    await this.session.leave();
    this.close();
  }

  /** Closes the session (every link) and the tap. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const dispose of this.#disposers.splice(0)) dispose();
    this.session.close();
    this.#shaper?.close();
    this.#tap.close();
  }
}
