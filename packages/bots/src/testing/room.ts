import { carriesKind, type Topology } from '@meshwork/protocol';
import { Bot, type BotOptions } from '../Bot';
import { expectedHops, type HopsFn } from './hops';

/** Defaults of test bots: small frames, quick reconnects. */
const TEST_BOT: Partial<BotOptions> = {
  video: { width: 160, height: 120, fps: 15 },
  reconnectDelayMs: { min: 100, max: 1_000 },
};

/** Deadline for one bot to join. */
export const JOIN_TIMEOUT_MS = 20_000;
/** Deadline for a room to settle on a plan and have every origin flowing. */
export const SETTLE_TIMEOUT_MS = 60_000;

/** Bots in one room, with predicates over all of them. */
export class BotRoom {
  readonly bots: Bot[] = [];
  readonly url: string;
  readonly roomId: string;
  readonly #options: Partial<BotOptions>;
  /** Bots that tried the room without becoming members (refused joins); closed with the room. */
  readonly #strangers: Bot[] = [];
  #nextIndex = 0;

  constructor(url: string, roomId: string, options: Partial<BotOptions> = {}) {
    this.url = url;
    this.roomId = roomId;
    this.#options = { ...TEST_BOT, ...options };
  }

  /**
   * Adds `n` bots, joining one after another so the join order is the array order; `options`
   * apply to these bots only.
   */
  async add(n: number, options: Partial<BotOptions> = {}): Promise<Bot[]> {
    const added: Bot[] = [];
    for (let i = 0; i < n; i++) {
      const bot = this.#newBot((index) => `Bot ${index}`, options);
      this.bots.push(bot);
      added.push(bot);
      await bot.join(JOIN_TIMEOUT_MS);
    }
    return added;
  }

  /**
   * A bot aimed at this room that is not one of its members (the predicates ignore it): for joins
   * the room should refuse. Not joined yet; closed with the room.
   */
  stranger(name: string, options: Partial<BotOptions> = {}): Bot {
    const bot = this.#newBot(() => name, options);
    this.#strangers.push(bot);
    return bot;
  }

  /** A bot aimed at this room with the next index, named by `name(index)`; not joined. */
  #newBot(name: (index: number) => string, options: Partial<BotOptions>): Bot {
    const index = this.#nextIndex++;
    return new Bot({
      ...this.#options,
      ...options,
      url: this.url,
      roomId: this.roomId,
      name: name(index),
      index,
    });
  }

  /** Drops `bot` from the members without leaving (the room removed it); closes it. */
  forget(bot: Bot): void {
    this.bots.splice(this.bots.indexOf(bot), 1);
    bot.close();
  }

  /** Makes `bot` leave and drops it from the room. */
  async remove(bot: Bot): Promise<void> {
    this.bots.splice(this.bots.indexOf(bot), 1);
    await bot.leave();
  }

  /**
   * Resolves once every bot has committed the same plan, of `topology`, over exactly the bots
   * of this room.
   */
  async settled(topology: Topology, timeoutMs = SETTLE_TIMEOUT_MS): Promise<number> {
    const ids = new Set(this.bots.map((b) => b.id));
    const agreed = () => {
      const versions = new Set(this.bots.map((b) => b.committedPlanVersion));
      if (versions.size !== 1) return false;
      return this.bots.every((b) => {
        const plan = b.session.plan;
        return (
          plan !== null &&
          plan.version === b.committedPlanVersion &&
          plan.topology === topology &&
          plan.order.length === ids.size &&
          plan.order.every((id) => ids.has(id))
        );
      });
    };
    await Promise.all(
      this.bots.map((b) =>
        b.waitFor(agreed, { timeoutMs, what: `every bot to commit one ${topology} plan` }),
      ),
    );
    return this.bots[0]?.committedPlanVersion ?? 0;
  }

  /**
   * Resolves once every bot has decoded `minFrames` new frames from every other bot, arriving
   * over the route its plan names (same path), with the hop count `hops` expects: a topology
   * (see expectedHops) or a function of (plan order, hub, origin, receiver).
   */
  async flowing(
    hops: Topology | HopsFn,
    minFrames = 10,
    timeoutMs = SETTLE_TIMEOUT_MS,
  ): Promise<void> {
    const expect: HopsFn =
      typeof hops === 'function'
        ? hops
        : (order, hub, origin, receiver) => expectedHops(hops, order, hub, origin, receiver);
    const label = typeof hops === 'function' ? 'expected' : hops;
    const base = new Map(
      this.bots.map((b) => [b, new Map(b.allStats().map((s) => [s.origin, s.framesDecoded]))]),
    );
    await Promise.all(
      this.bots.map((receiver) =>
        receiver.waitFor(
          () => {
            const plan = receiver.session.plan;
            if (!plan) return false;
            return this.bots.every((origin) => {
              if (origin === receiver) return true;
              const s = receiver.stats(origin.id);
              const route = plan.receive.find(
                (r) => r.origin === origin.id && carriesKind(r, 'video'),
              );
              if (!s || !route || !s.route) return false;
              const want = expect(plan.order, plan.hub, origin.id, receiver.id);
              return (
                s.framesDecoded - (base.get(receiver)?.get(origin.id) ?? 0) >= minFrames &&
                s.route.hops === want &&
                route.path.length - 1 === want &&
                s.route.path.join('>') === route.path.join('>')
              );
            });
          },
          { timeoutMs, what: `${minFrames} frames from every origin over the ${label} routes` },
        ),
      ),
    );
  }

  /**
   * Resolves once every bot has decoded `minChunks` more audible 10 ms audio chunks from every
   * other bot, over the audio route its plan names, of `hops` hops (1: straight from the origin).
   */
  async heard(hops: HopsFn, minChunks = 50, timeoutMs = SETTLE_TIMEOUT_MS): Promise<void> {
    const base = new Map(
      this.bots.map((b) => [
        b,
        new Map(this.bots.map((o) => [o, o === b ? 0 : (b.audioStats(o.id)?.audibleChunks ?? 0)])),
      ]),
    );
    await Promise.all(
      this.bots.map((receiver) =>
        receiver.waitFor(
          () => {
            const plan = receiver.session.plan;
            if (!plan) return false;
            return this.bots.every((origin) => {
              if (origin === receiver) return true;
              const a = receiver.audioStats(origin.id);
              const route = plan.receive.find(
                (r) => r.origin === origin.id && carriesKind(r, 'audio'),
              );
              if (!a || !route) return false;
              const want = hops(plan.order, plan.hub, origin.id, receiver.id);
              return (
                a.audibleChunks - (base.get(receiver)?.get(origin) ?? 0) >= minChunks &&
                a.path.length - 1 === want &&
                route.path.length - 1 === want &&
                a.path.join('>') === route.path.join('>')
              );
            });
          },
          { timeoutMs, what: `${minChunks} audible audio chunks from every origin` },
        ),
      ),
    );
  }

  /**
   * Resolves once every bot holds exactly one open peer connection per link of its committed
   * plan, and the links agree on both ends.
   */
  async linksMatchPlan(timeoutMs = SETTLE_TIMEOUT_MS): Promise<void> {
    const ok = () =>
      this.bots.every((b) => {
        const plan = b.session.plan;
        if (!plan || b.openPeerConnections !== plan.links.length) return false;
        return plan.links.every((l) => {
          const other = this.bots.find((o) => o.session.selfId === l.peer);
          return other?.session.plan?.links.some((x) => x.peer === b.id) === true;
        });
      });
    await Promise.all(
      this.bots.map((b) =>
        b.waitFor(ok, { timeoutMs, what: 'one open peer connection per planned link' }),
      ),
    );
  }

  /** A human summary of who links to whom (bot names), for logs. */
  describeLinks(): string {
    const name = (id: string) => this.bots.find((b) => b.session.selfId === id)?.name ?? id;
    const plan = this.bots[0]?.session.plan;
    if (!plan) return '(no plan)';
    const edges = plan.edges.map(([a, b]) => `${name(a)}-${name(b)}`).join(' ');
    return `${plan.topology} v${plan.version}${plan.hub ? ` hub=${name(plan.hub)}` : ''}: ${edges}`;
  }

  /** Resets the gap window of every bot. */
  resetGaps(): void {
    for (const b of this.bots) b.resetGaps();
  }

  /** Longest gap between new frames over every bot and origin since the last `resetGaps()`. */
  longestGap(): { ms: number; receiver: string; origin: string } {
    let worst = { ms: 0, receiver: '', origin: '' };
    for (const b of this.bots) {
      for (const s of b.allStats()) {
        if (!this.bots.some((o) => o.session.selfId === s.origin)) continue;
        if (s.longestGapMs > worst.ms)
          worst = { ms: s.longestGapMs, receiver: b.name, origin: s.origin };
      }
    }
    return worst;
  }

  /** Leaves with every bot, and closes the strangers. */
  async close(): Promise<void> {
    for (const bot of this.#strangers.splice(0)) bot.close();
    await Promise.allSettled(this.bots.splice(0).map((b) => b.leave()));
  }
}
