// The media hub process: reads its configuration, serves every signal app it is given, and
// answers `/stats`, `/healthz` and signal apps' invitations (`POST /signals`).
import type { Logger } from '@meshwork/kit';
import { HubConfigError, loadHubConfig } from './service/config';
import { createHubHttpServer } from './service/httpServer';
import { SignalApps } from './service/SignalApps';

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
const apps = new SignalApps({
  hubSecret: config.hubSecret,
  name: config.name,
  maxRooms: config.maxRooms,
  maxStreams: config.maxStreams,
  hostAddresses: config.hostAddresses,
  shaping: config.shaping,
  logger,
});
for (const url of config.signalUrls) apps.serve(url);
const http = createHubHttpServer({
  stats: (options) => apps.stats(options),
  hubSecret: config.hubSecret,
  invited: (invite) => apps.serve(invite.url),
});
http.listen(config.statsPort, config.statsHost, () => {
  logger.info('media hub up', {
    signal: config.signalUrls,
    http: `http://${config.statsHost}:${config.statsPort}`,
  });
});
const stop = () => {
  http.close();
  apps.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
