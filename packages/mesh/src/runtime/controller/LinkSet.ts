import type { Clock, Logger } from '@meshwork/kit';
import type { IceServer, PeerId, PeerPlan, PlanLink, Signal } from '@meshwork/protocol';
import type { FrameProtector } from '../e2ee/FrameProtector';
import { PeerLink } from '../link/PeerLink';
import type { CreatePeerConnection, LinkStatus } from '../types';
import { EarlySignals } from './EarlySignals';

/** What the links need from the controller. */
export interface LinkSetOptions {
  self: PeerId;
  createPeerConnection: CreatePeerConnection;
  iceServers: readonly IceServer[];
  clock: Clock;
  logger: Logger;
  /** End-to-end frame encryption every link pipes its media through (SPEC [P31]). */
  protector?: FrameProtector;
  /** Subscribes to a new link's events; the disposers run when the link closes. */
  attach(link: PeerLink): Array<() => void>;
  /** A link opened (with its first status) or was closed by a plan change. */
  statusChanged(peer: PeerId, status: LinkStatus): void;
}

/** What `route` did with a signal. */
export type RouteResult = 'delivered' | 'held' | 'dropped';

/** The link each peer should have under `plans` (newest first): a newer plan's life wins. */
export function desiredLinks(plans: readonly PeerPlan[]): Map<PeerId, PlanLink> {
  const desired = new Map<PeerId, PlanLink>();
  for (const plan of [...plans].reverse()) for (const l of plan.links) desired.set(l.peer, l);
  return desired;
}

/**
 * The controller's links, one per peer: opened and closed to match the plans in force ([M9]),
 * each with its event subscriptions, and the signals that arrive before their link ([M17]).
 */
export class LinkSet {
  readonly #options: LinkSetOptions;
  readonly #links = new Map<PeerId, PeerLink>();
  readonly #disposers = new Map<PeerLink, Array<() => void>>();
  readonly #early = new EarlySignals();
  #iceServers: readonly IceServer[];

  constructor(options: LinkSetOptions) {
    this.#options = options;
    this.#iceServers = options.iceServers;
  }

  /** ICE servers for links opened from now on, and for open links' next ICE restart. */
  setIceServers(iceServers: readonly IceServer[]): void {
    this.#iceServers = [...iceServers];
    for (const link of this.#links.values()) link.setIceServers(this.#iceServers);
  }

  /** The link to `peer`, if any. */
  get(peer: PeerId): PeerLink | undefined {
    return this.#links.get(peer);
  }

  /** Whether there is a link to `peer`. */
  has(peer: PeerId): boolean {
    return this.#links.has(peer);
  }

  /** Every link by peer, in the order opened. */
  get byPeer(): ReadonlyMap<PeerId, PeerLink> {
    return this.#links;
  }

  /** Holds the links of `plans`; closes the rest, and any whose epoch changed. */
  sync(plans: readonly PeerPlan[]): void {
    const desired = desiredLinks(plans);
    for (const [peer, link] of [...this.#links]) {
      const want = desired.get(peer);
      if (want === undefined || want.epoch !== link.epoch) {
        this.#links.delete(peer);
        this.#close(link);
        this.#options.statusChanged(peer, 'closed');
      }
    }
    for (const [peer, want] of desired) {
      if (!this.#links.has(peer)) this.#open(want);
    }
  }

  /**
   * Hands a signal to the link life it is for. One newer than `latestVersion` (every plan here)
   * is held until its plan opens the link; one for an older or unknown life is dropped.
   */
  route(from: PeerId, epoch: number, signal: Signal, latestVersion: number | null): RouteResult {
    const link = this.#links.get(from);
    if (link !== undefined && link.epoch === epoch) {
      link.handleSignal(signal);
      return 'delivered';
    }
    if (latestVersion === null || epoch > latestVersion) {
      this.#early.hold(from, epoch, signal);
      return 'held';
    }
    return 'dropped';
  }

  /** Closes every link without reporting it (the controller is closing). */
  closeAll(): void {
    for (const link of this.#links.values()) this.#close(link);
    this.#links.clear();
    this.#early.clear();
  }

  #open(plan: PlanLink): void {
    const o = this.#options;
    const link = new PeerLink({
      self: o.self,
      peer: plan.peer,
      epoch: plan.epoch,
      offerer: plan.offerer,
      polite: plan.polite,
      createPeerConnection: o.createPeerConnection,
      iceServers: this.#iceServers,
      clock: o.clock,
      logger: o.logger,
      ...(o.protector ? { protector: o.protector } : {}),
    });
    this.#links.set(plan.peer, link);
    this.#disposers.set(link, o.attach(link));
    o.statusChanged(plan.peer, link.status);
    for (const signal of this.#early.take(plan.peer, plan.epoch)) link.handleSignal(signal);
  }

  #close(link: PeerLink): void {
    // Unsubscribe first: the link's own `closed` is reported by the caller, once.
    for (const dispose of this.#disposers.get(link) ?? []) dispose();
    this.#disposers.delete(link);
    link.close();
  }
}
