// `npm start`: installs dependencies, builds the web app and the signal app, and runs the signal
// app serving the web app on an embedded in-memory registry, with one media hub beside it
// (`MEDIA_HUB=off` runs without it; with `HUB_URLS` the hubs run elsewhere and are invited).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePnpm, installDependencies, run } from './lib/toolchain.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const pnpm = ensurePnpm();
installDependencies(pnpm);
const [cmd, ...pre] = pnpm;
run(cmd, [
  ...pre,
  'exec',
  'turbo',
  'run',
  'build',
  '--filter=@meshwork/signal',
  '--filter=@meshwork/web',
]);

const hubsElsewhere = (process.env.HUB_URLS ?? '').trim() !== '';
const withHub = process.env.MEDIA_HUB !== 'off' && !hubsElsewhere;
// The local hub and the signal app share a secret; a deployment sets HUB_SECRET for its hubs.
const hubSecret =
  process.env.HUB_SECRET ?? (withHub ? randomBytes(24).toString('base64url') : undefined);
const env = { ...process.env, ...(hubSecret ? { HUB_SECRET: hubSecret } : {}) };
const server = spawn(process.execPath, [join(root, 'apps/signal/dist/main.js')], {
  stdio: 'inherit',
  env: { ...env, WEB_ROOT: process.env.WEB_ROOT ?? join(root, 'apps/web/dist') },
});
const children = [server];
if (withHub) {
  const port = process.env.PORT ?? '8080';
  const hub = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: join(root, 'apps/hub'),
    stdio: 'inherit',
    env: {
      ...env,
      SIGNAL_URLS: process.env.SIGNAL_URLS ?? `http://127.0.0.1:${port}`,
      // Browsers on this machine reach the hub over loopback too.
      HUB_HOST_ADDRESSES: process.env.HUB_HOST_ADDRESSES ?? '127.0.0.1',
    },
  });
  children.push(hub);
  hub.on('exit', (code) => {
    if (code !== 0) console.warn(`meshwork: the media hub stopped (${code}); rooms use peer hubs`);
  });
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
  });
}
server.on('exit', (code, signal) => {
  for (const child of children) if (child !== server) child.kill('SIGTERM');
  process.exit(code ?? (signal ? 1 : 0));
});
