import { createServer } from 'node:http';
import { backgroundClock } from '@meshwork/kit';
import { ConfigError, loadConfig, type SignalConfig } from './config';
import { createLogger } from './logger';
import { createSignalServer } from './server/createSignalServer';

// A graceful stop that hangs (a stuck socket) is cut off after this long.
const SHUTDOWN_TIMEOUT_MS = 10_000;
// [P18] A client trickling request headers (slowloris) holds a socket at most this long; Node's
// default is a minute. Whole requests are small here (pages, health, Socket.IO polls).
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;

function readConfig(): SignalConfig {
  try {
    return loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

const config = readConfig();
const logger = createLogger(config.logLevel);
if (config.resumeSecretGenerated) {
  logger.warn('RESUME_SECRET is unset: resume tokens will not survive a restart of this process');
}
const httpServer = createServer({
  headersTimeout: HEADERS_TIMEOUT_MS,
  requestTimeout: REQUEST_TIMEOUT_MS,
});
const signal = createSignalServer(httpServer, { config, logger });
// A cluster node whose shared secrets differ from the cluster's must not take a single join.
signal.ready.catch((err: unknown) => {
  logger.error(err instanceof ConfigError ? err.message : 'could not join the cluster', { err });
  process.exit(1);
});
if (signal.cluster) {
  logger.info('cluster node: rooms are shared through Redis', { nodeId: signal.cluster.nodeId });
}

// createSignalServer logs http server errors and keeps running; failing to listen at all
// (port taken, no permission) leaves nothing to serve, so that one ends the process.
const onListenError = (err: Error) => {
  logger.error(`cannot listen on ${config.host}:${config.port}`, { err });
  process.exit(1);
};
httpServer.once('error', onListenError);
httpServer.listen(config.port, config.host, () => {
  httpServer.off('error', onListenError);
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  logger.info(`Meshwork signal app listening on http://${shown}:${port}`, {
    webRoot: config.webRoot,
  });
  // Listening on loopback usually means a reverse proxy in front, whose address all clients share.
  if (!config.trustProxy && ['127.0.0.1', '::1', 'localhost'].includes(config.host)) {
    logger.warn('TRUST_PROXY is off: behind a reverse proxy every client shares its address');
  }
  if (config.metricsToken === null) logger.info('METRICS_TOKEN is unset: /metrics is open');
});

let stopping = false;
function stop(signalName: string): void {
  if (stopping) {
    logger.warn(`${signalName} again: exiting now`);
    process.exit(1);
  }
  stopping = true;
  logger.info(`${signalName}: closing`);
  // Unref'd: a clean close exits on its own without waiting for this.
  backgroundClock.setTimeout(() => {
    logger.error('shutdown timed out');
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS);
  signal.close().then(
    () => process.exit(0),
    (err: unknown) => {
      logger.error('shutdown failed', { err });
      process.exit(1);
    },
  );
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
