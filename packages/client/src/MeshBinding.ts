import type { Emitter, Logger } from '@meshwork/kit';
import {
  checkUplinkKbps,
  type MeshControllerApi,
  type MeshControllerOptions,
  type MeshEvents,
  type Signer,
} from '@meshwork/mesh/runtime';
import type { IceServer, LinkReport, PeerId } from '@meshwork/protocol';
import type { OutgoingSignal } from './SignalOutbox';
import { StatsFeed } from './StatsFeed';
import type { PublicMeshEvent, SessionEvents } from './types';

/** The mesh events a session passes through. `satisfies` keeps the list exhaustive. */
export const PUBLIC_MESH_EVENTS = Object.keys({
  remoteStreamChanged: true,
  remoteStreamRemoved: true,
  linkStateChanged: true,
  chatReceived: true,
  fileProgressed: true,
  fileReceived: true,
  errorRaised: true,
  framesCounted: true,
} satisfies Record<PublicMeshEvent, true>) as PublicMeshEvent[];

/** The controller options that do not depend on a join (the signer is made before the first). */
export type BaseControllerOptions = Omit<MeshControllerOptions, 'selfId' | 'iceServers' | 'signer'>;

/** What a MeshBinding needs: how to build a controller, and where its events go. */
export interface MeshBindingOptions {
  createMesh: (options: MeshControllerOptions) => MeshControllerApi;
  controller: BaseControllerOptions;
  /** Receives the public mesh events. */
  events: Emitter<SessionEvents>;
  /** The mesh's own traffic, for the signal app. */
  signalProduced(signal: OutgoingSignal): void;
  /** A frame-key message for the signal app's relay (SPEC [P33]). */
  e2eeKeyProduced(key: MeshEvents['e2eeKeyProduced']): void;
  planReady(version: number): void;
  linksReported(links: LinkReport[]): void;
  logger: Logger;
}

/**
 * Owns the session's mesh controller: creates it for a join (with the local streams set so far),
 * forwards its public events, routes its signaling traffic, points the stats feed at it, and on
 * close disposes every listener before closing the controller.
 */
export class MeshBinding {
  /** Link stats of whichever controller is current. */
  readonly stats: StatsFeed;
  readonly #options: MeshBindingOptions;
  readonly #localStreams = new Map<string, MediaStream>();
  #controller: MeshControllerApi | null = null;
  #uplinkKbps: number | undefined;
  #disposers: Array<() => void> = [];

  constructor(options: MeshBindingOptions) {
    this.#options = options;
    this.stats = new StatsFeed(options.logger);
  }

  /** The current controller, or null. */
  get controller(): MeshControllerApi | null {
    return this.#controller;
  }

  /** Creates the controller for this identity, signing with `signer`; misuse if one is open. */
  open(selfId: PeerId, iceServers: readonly IceServer[], signer: Signer): MeshControllerApi {
    if (this.#controller) throw new Error('MeshBinding.open() while a controller is open');
    const o = this.#options;
    const mesh = o.createMesh({
      ...o.controller,
      selfId,
      iceServers,
      signer,
      ...(this.#uplinkKbps === undefined ? {} : { uplinkKbps: this.#uplinkKbps }),
    });
    const on = <E extends keyof MeshEvents>(event: E, fn: (p: MeshEvents[E]) => void): void => {
      this.#disposers.push(mesh.on(event, fn));
    };
    on('signalProduced', (signal) => o.signalProduced(signal));
    on('e2eeKeyProduced', (key) => o.e2eeKeyProduced(key));
    on('planReady', ({ version }) => o.planReady(version));
    on('linksReported', ({ links }) => o.linksReported(links));
    for (const event of PUBLIC_MESH_EVENTS) {
      on(event, (payload) => o.events.emit(event, payload as SessionEvents[typeof event]));
    }
    for (const [key, stream] of this.#localStreams) mesh.setLocalStream(key, stream);
    this.#controller = mesh;
    this.stats.attach(mesh.stats);
    return mesh;
  }

  /** Sets (or clears) a local stream, kept for controllers created later. */
  setLocalStream(key: string, stream: MediaStream | null): void {
    if (stream) this.#localStreams.set(key, stream);
    else this.#localStreams.delete(key);
    this.#controller?.setLocalStream(key, stream);
  }

  /**
   * This peer's uplink budget in kbit/s, for the controller now and those created later; an
   * unusable value throws `ERR_BAD_OPTION` at once (`checkUplinkKbps`).
   */
  setUplinkBudget(kbps: number): void {
    this.#uplinkKbps = checkUplinkKbps(kbps);
    this.#controller?.setUplinkBudget(kbps);
  }

  /** Fresh ICE servers (renewed TURN credentials) for the links the controller opens next. */
  setIceServers(iceServers: IceServer[]): void {
    this.#controller?.setIceServers(iceServers);
  }

  /** Disposes the listeners, then closes the controller (every link). Idempotent. */
  close(): void {
    for (const dispose of this.#disposers) dispose();
    this.#disposers = [];
    this.stats.attach(null);
    const mesh = this.#controller;
    this.#controller = null;
    mesh?.close();
  }
}
