import { type Clock, type Logger, noopLogger, systemClock, Timers } from '@meshwork/kit';
import {
  ERROR_MESSAGES,
  type ErrorCode,
  HUB_NAMESPACE,
  HubAssignSchema,
  type HubHello,
  type HubLoad,
  type HubLoadHint,
  type HubToServerEvents,
  PROTOCOL_VERSION,
  type Result,
  type ServerToHubEvents,
} from '@meshwork/protocol';
import { io, type Socket } from 'socket.io-client';
import { CpuMeter } from './CpuMeter';
import { EventLoopDelay, type EventLoopDelayReading } from './EventLoopDelay';
import { HubRoom, type HubRoomStats } from './HubRoom';

/** How often the hub reports its load to the signal app besides every change. */
export const HUB_LOAD_INTERVAL_MS = 5_000;

/** An event-loop delay this long is worth a warning: links hear silence after 1.5 s ([M23]). */
export const SLOW_LOOP_MS = 500;

/** Options of a media hub serving one signal app. */
export interface MediaHubOptions {
  url: string;
  hubSecret: string;
  name: string;
  maxRooms: number;
  maxStreams: number;
  hostAddresses?: readonly string[];
  /** Caps origins by their receivers' bandwidth estimates ([P32]); off unless asked (the config turns it on). */
  shaping?: boolean;
  logger?: Logger;
  clock?: Clock;
}

/** What the hub's stats endpoint shows. */
export interface MediaHubStats {
  name: string;
  signal: string;
  connected: boolean;
  limits: { maxRooms: number; maxStreams: number };
  streams: number;
  cpuPercent: number;
  /** How late the event loop ran over the last load interval. */
  eventLoopDelay: EventLoopDelayReading;
  rooms: HubRoomStats[];
}

type ControlSocket = Socket<ServerToHubEvents, HubToServerEvents>;

const failure = (error: ErrorCode): Result => ({
  ok: false,
  error,
  message: ERROR_MESSAGES[error],
});

/**
 * A media hub serving one signal app ([P24]): it keeps a control socket on `/hubs`, joins each
 * room the signal app assigns it (up to its limits, else `ERR_HUB_FULL`), leaves a room once no
 * person is left in it, and reports its rooms, streams and CPU.
 */
export class MediaHub {
  readonly #options: MediaHubOptions;
  readonly #logger: Logger;
  readonly #rooms = new Map<string, HubRoom>();
  readonly #timers: Timers<'load'>;
  readonly #cpu = new CpuMeter();
  readonly #loopDelay = new EventLoopDelay();
  #lastCpu = 0;
  #lastLoopDelay: EventLoopDelayReading = { p50Ms: 0, p99Ms: 0, maxMs: 0 };
  #socket: ControlSocket | null = null;
  #closed = false;

  constructor(options: MediaHubOptions) {
    this.#options = options;
    this.#logger = options.logger ?? noopLogger;
    this.#timers = new Timers(options.clock ?? systemClock);
  }

  /** Connects the control socket (reconnecting by itself until `close()`). */
  start(): void {
    if (this.#socket || this.#closed) return;
    const hello: HubHello = {
      protocolVersion: PROTOCOL_VERSION,
      hubToken: this.#options.hubSecret,
      name: this.#options.name,
      limits: { maxRooms: this.#options.maxRooms, maxStreams: this.#options.maxStreams },
    };
    const socket: ControlSocket = io(`${this.#options.url}${HUB_NAMESPACE}`, {
      auth: hello,
      transports: ['websocket'],
      reconnectionDelayMax: 5_000,
    });
    this.#socket = socket;
    socket.on('connect', () => {
      this.#logger.info('connected to the signal app', { url: this.#options.url });
      this.#report();
    });
    socket.on('connect_error', (err) => {
      this.#logger.warn('signal app refused or unreachable', { error: err.message });
    });
    socket.on('assignRoom', (raw, ack) => {
      if (typeof ack !== 'function') return;
      ack(this.#assign(raw));
    });
    this.#scheduleReport();
  }

  /** Streams forwarded now, over every room. */
  get streams(): number {
    let n = 0;
    for (const room of this.#rooms.values()) n += room.forwardedStreams;
    return n;
  }

  /** The room the hub serves under `roomId`, if any. */
  room(roomId: string): HubRoom | undefined {
    return this.#rooms.get(roomId);
  }

  /** Counters of every room, with each link's transceivers if `links`. */
  stats(options: { links?: boolean } = {}): MediaHubStats {
    return {
      name: this.#options.name,
      signal: this.#options.url,
      connected: this.#socket?.connected === true,
      limits: { maxRooms: this.#options.maxRooms, maxStreams: this.#options.maxStreams },
      streams: this.streams,
      cpuPercent: this.#lastCpu,
      eventLoopDelay: this.#lastLoopDelay,
      rooms: [...this.#rooms.values()].map((r) => r.stats(options)),
    };
  }

  /** Leaves every room and disconnects. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#timers.clearAll();
    this.#loopDelay.close();
    this.#socket?.disconnect();
    await Promise.allSettled([...this.#rooms.values()].map((r) => r.leave()));
    this.#rooms.clear();
  }

  #assign(raw: unknown): Result {
    const req = HubAssignSchema.safeParse(raw);
    if (!req.success) return failure('ERR_BAD_REQUEST');
    const { roomId } = req.data;
    if (this.#rooms.has(roomId)) return { ok: true };
    if (this.#closed) return failure('ERR_INTERNAL');
    if (this.#rooms.size >= this.#options.maxRooms || this.streams >= this.#options.maxStreams) {
      this.#logger.info('refused a room: at the limit', { roomId, rooms: this.#rooms.size });
      return failure('ERR_HUB_FULL');
    }
    const room = new HubRoom({
      url: this.#options.url,
      roomId,
      hubToken: this.#options.hubSecret,
      hostAddresses: this.#options.hostAddresses ?? [],
      shaping: this.#options.shaping ?? false,
      logger: this.#logger.child(`room:${roomId}`),
      ...(this.#options.clock ? { clock: this.#options.clock } : {}),
    });
    this.#rooms.set(roomId, room);
    room.session.on('roomChanged', () => {
      // Alone in the room: nobody to forward for.
      if (room.people === 0) this.#drop(room, 'empty');
    });
    room.session.on('statusChanged', ({ status, error }) => {
      if (status === 'failed' || status === 'left') this.#drop(room, error ?? status);
    });
    room.join().then(
      () => this.#report(),
      (err: unknown) => {
        this.#logger.warn('could not join an assigned room', { roomId, error: String(err) });
        this.#drop(room, 'join failed');
      },
    );
    return { ok: true };
  }

  #drop(room: HubRoom, reason: string): void {
    if (this.#rooms.get(room.roomId) !== room) return;
    this.#rooms.delete(room.roomId);
    this.#logger.info('left a room', { roomId: room.roomId, reason });
    room.leave().catch(() => room.close());
    this.#report();
  }

  #load(): HubLoad {
    return {
      rooms: [...this.#rooms.keys()],
      streams: this.streams,
      cpuPercent: Math.round(this.#lastCpu * 10) / 10,
    };
  }

  #report(): void {
    if (this.#socket?.connected) this.#socket.emit('hubLoad', this.#load());
    // Whole percents: the people of each room see it change only when it really does.
    const shown: HubLoadHint = {
      streams: this.streams,
      maxStreams: this.#options.maxStreams,
      cpuPercent: Math.round(this.#lastCpu),
    };
    for (const room of this.#rooms.values()) room.showLoad(shown);
  }

  #scheduleReport(): void {
    this.#timers.set('load', HUB_LOAD_INTERVAL_MS, () => {
      this.#lastCpu = this.#cpu.read();
      this.#lastLoopDelay = this.#loopDelay.read();
      if (this.#lastLoopDelay.maxMs >= SLOW_LOOP_MS) {
        this.#logger.warn('event loop ran late', { ...this.#lastLoopDelay });
      }
      this.#report();
      if (!this.#closed) this.#scheduleReport();
    });
  }
}
