// `npm start`: installs dependencies, builds the web app and the signal app, and runs the signal
// app serving the web app on an embedded in-memory registry.
import { spawn } from 'node:child_process';
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

const server = spawn(process.execPath, [join(root, 'apps/signal/dist/main.js')], {
  stdio: 'inherit',
  env: { ...process.env, WEB_ROOT: process.env.WEB_ROOT ?? join(root, 'apps/web/dist') },
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.kill(signal));
}
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
