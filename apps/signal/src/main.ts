import { createServer } from 'node:http';
import { backgroundClock } from '@meshwork/kit';
import { ConfigError, loadConfig, type SignalConfig } from './config';
import { createLogger } from './logger';
import { createSignalServer } from './server/createSignalServer';

// A graceful stop that hangs (a stuck socket) is cut off after this long.
const SHUTDOWN_TIMEOUT_MS = 10_000;

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
const httpServer = createServer();
const signal = createSignalServer(httpServer, { config, logger });

httpServer.listen(config.port, config.host, () => {
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  logger.info(`Meshwork signal app listening on http://${shown}:${port}`, {
    webRoot: config.webRoot,
  });
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
