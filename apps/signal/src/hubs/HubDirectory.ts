import { type Clock, type Logger, noopLogger } from '@meshwork/kit';
import type { ErrorCode, HubLimits, HubLoad } from '@meshwork/protocol';
import { type HubEntry, pickHubs } from './pickHubs';

/** How long a hub may take to answer `assignRoom` before the next one is asked. */
export const HUB_ASSIGN_TIMEOUT_MS = 5_000;

/** Asks one hub to serve a room: resolves with its answer (a timeout counts as a refusal). */
export type AssignRoom = (
  roomId: string,
) => Promise<{ ok: true } | { ok: false; error: ErrorCode }>;

/** A connected hub: its entry plus the way to reach it. */
interface HubHandle extends HubEntry {
  assign: AssignRoom;
}

/** What `/healthz` and tests see of one hub. */
export interface HubSummary {
  id: string;
  name: string;
  limits: HubLimits;
  load: HubLoad;
}

/**
 * [P24] The media hubs connected to this signal app, and which of them serves which room. A room
 * is offered to the best hub first (`pickHubs`); a hub refusing (`ERR_HUB_FULL`) or not answering
 * passes it to the next. With no hub able to take it, the room runs on peer hubs alone.
 */
export class HubDirectory {
  readonly #hubs = new Map<string, HubHandle>();
  /** Rooms being offered now, so joins arriving meanwhile do not offer them twice. */
  readonly #offering = new Set<string>();
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #hasHub: (roomId: string) => boolean;

  constructor(options: { hasHub: (roomId: string) => boolean; clock: Clock; logger?: Logger }) {
    this.#hasHub = options.hasHub;
    this.#clock = options.clock;
    this.#logger = options.logger ?? noopLogger;
  }

  /** A hub connected. */
  add(id: string, hello: { name: string; limits: HubLimits }, assign: AssignRoom): void {
    this.#hubs.set(id, {
      id,
      name: hello.name,
      limits: hello.limits,
      load: { rooms: [], streams: 0, cpuPercent: 0 },
      connectedAt: this.#clock.now(),
      assign,
    });
    this.#logger.info('media hub connected', { hub: hello.name, limits: hello.limits });
  }

  /** A hub reported its load. */
  reported(id: string, load: HubLoad): void {
    const hub = this.#hubs.get(id);
    if (hub) hub.load = load;
  }

  /** A hub's control socket is gone. */
  remove(id: string): void {
    const hub = this.#hubs.get(id);
    if (!hub) return;
    this.#hubs.delete(id);
    this.#logger.info('media hub disconnected', { hub: hub.name });
  }

  /** Hubs connected now. */
  list(): HubSummary[] {
    return [...this.#hubs.values()].map(({ id, name, limits, load }) => ({
      id,
      name,
      limits,
      load,
    }));
  }

  /** A person joined `roomId`: offer the room to a hub unless it has one (or an offer runs). */
  async roomJoined(roomId: string): Promise<void> {
    if (this.#offering.has(roomId) || this.#hasHub(roomId) || this.#hubs.size === 0) return;
    this.#offering.add(roomId);
    try {
      for (const hub of pickHubs(this.#hubs.values(), roomId)) {
        const answer = await hub.assign(roomId).catch(() => null);
        if (answer?.ok) {
          // Counted at once, so the next room goes elsewhere before the hub's report arrives.
          hub.load = { ...hub.load, rooms: [...hub.load.rooms, roomId] };
          return;
        }
        this.#logger.info('media hub refused a room', {
          hub: hub.name,
          roomId,
          error: answer?.error ?? 'no answer',
        });
      }
    } finally {
      this.#offering.delete(roomId);
    }
  }
}
