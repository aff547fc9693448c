// A bot in its own process (and network namespace): joins, then answers the parent over IPC.
import { Bot } from '../Bot';
import type { BotChildConfig, BotReply, BotReport, BotRequest } from './messages';

const config = JSON.parse(process.argv[2] ?? '{}') as BotChildConfig;
const crashes: string[] = [];
process.on('unhandledRejection', (reason) =>
  crashes.push(`unhandled rejection: ${String(reason)}`),
);
process.on('uncaughtException', (err) => crashes.push(`uncaught: ${err.stack ?? String(err)}`));

const send = (reply: BotReply) => process.send?.(reply);
const bot = new Bot({
  url: config.url,
  roomId: config.room,
  name: config.name,
  index: config.index,
  video: config.video,
  audio: false,
  reconnectDelayMs: { min: 100, max: 1_000 },
});
let planAt = 0;
bot.session.on('planChanged', () => {
  planAt = Date.now();
});
const links: Record<string, string> = {};
const linkLog: BotReport['linkLog'] = [];
bot.session.on('linkStateChanged', (change) => {
  links[change.peer] = change.status;
  linkLog.push({ at: Date.now(), peer: change.peer, status: change.status });
});

function report(): BotReport {
  const plan = bot.session.plan;
  const now = Date.now();
  return {
    peerId: bot.session.status === 'idle' ? null : safeId(),
    status: bot.session.status,
    plan: plan
      ? {
          version: plan.version,
          topology: plan.topology,
          hub: plan.hub,
          order: [...plan.order],
          paths: Object.fromEntries(plan.receive.map((r) => [r.origin, [...r.path]])),
          receivedAt: planAt,
        }
      : null,
    origins: bot.allStats().map((s) => ({
      origin: s.origin,
      framesDecoded: s.framesDecoded,
      gapMs: bot.gapNow(s.origin, s.key, now),
      openGapMs: s.lastFrameAt === null ? null : now - s.lastFrameAt,
      foreignFrames: s.foreignFrames,
      active: s.active,
    })),
    peerConnectionsCreated: bot.peerConnectionsCreated,
    openPeerConnections: bot.openPeerConnections,
    chatIds: bot.chats.map((c) => c.id),
    errors: bot.errors.map((e) => e.code),
    crashes: [...crashes],
    links: { ...links },
    linkLog: [...linkLog],
  };
}

function safeId(): string | null {
  try {
    return bot.id;
  } catch {
    return null;
  }
}

async function handle(req: BotRequest): Promise<unknown> {
  switch (req.type) {
    case 'report':
      return report();
    case 'resetGaps':
      bot.resetGaps();
      return null;
    case 'setTopology':
      return bot.session.setTopology(req.topology);
    case 'chat':
      return (await bot.session.sendChat(req.text)).id;
    case 'leave':
      await bot.leave();
      setImmediate(() => process.exit(0));
      return null;
  }
}

process.on('message', (req: BotRequest) => {
  handle(req).then(
    (result) => send({ id: req.id, ok: true, result }),
    (err: unknown) => send({ id: req.id, ok: false, message: String(err) }),
  );
});
process.on('SIGTERM', () => {
  void bot.leave().finally(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));

bot.join(60_000).then(
  () => send({ type: 'ready' }),
  (err: unknown) => send({ type: 'failed', message: String(err) }),
);
