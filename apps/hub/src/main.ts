// The media hub process: reads its configuration, serves every signal app it is given, and
// answers `/stats` and `/healthz`.
import type { Logger } from '@meshwork/kit';
import { HubConfigError, loadHubConfig } from './service/config';
import { MediaHub } from './service/MediaHub';
import { createStatsServer } from './service/statsServer';

function consoleLogger(namespace: string): Logger {
  const write =
    (level: string) =>
    (msg: string, data?: Record<string, unknown>): void => {
      const extra = data ? ` ${JSON.stringify(data)}` : '';
      process.stderr.write(`${new Date().toISOString()} ${level} [${namespace}] ${msg}${extra}\n`);
    };
  const quiet = () => {};
  return {
    debug: quiet,
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (child) => consoleLogger(`${namespace}:${child}`),
  };
}

let config: ReturnType<typeof loadHubConfig>;
try {
  config = loadHubConfig(process.env);
} catch (err) {
  if (!(err instanceof HubConfigError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
}
const logger = consoleLogger('hub');
const hubs = config.signalUrls.map(
  (url) =>
    new MediaHub({
      url,
      hubSecret: config.hubSecret,
      name: config.name,
      maxRooms: config.maxRooms,
      maxStreams: config.maxStreams,
      hostAddresses: config.hostAddresses,
      logger,
    }),
);
for (const hub of hubs) hub.start();
const http = createStatsServer((options) => hubs.map((h) => h.stats(options)));
http.listen(config.statsPort, config.statsHost, () => {
  logger.info('media hub up', {
    signal: config.signalUrls,
    stats: `http://${config.statsHost}:${config.statsPort}/stats`,
  });
});
const stop = () => {
  http.close();
  Promise.allSettled(hubs.map((h) => h.close())).then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
