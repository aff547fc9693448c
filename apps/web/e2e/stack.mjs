// What the browser end-to-end tests and the README screenshot script share: Chromium's launch
// and starting a signal app on a free loopback port. Plain ESM so both `node` and Vitest load it.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';

/** Chromium flags that work on these machines (TESTING.md). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
];

/** Deadline for the signal app to answer its health check after start. */
const SIGNAL_START_TIMEOUT_MS = 30_000;
const HEALTH_POLL_MS = 100;

/** Niceness of the browsers of a test with a media hub (`launchChromium({ yieldToHub: true })`). */
export const BROWSER_NICENESS = 10;

/**
 * A script that runs `command` with its arguments at `niceness` (a lower priority needs no
 * right), for a browser's `executablePath`: every process the browser starts inherits it.
 */
export function niceCommand(command, niceness) {
  const path = join(mkdtempSync(join(tmpdir(), 'meshwork-nice-')), 'run');
  writeFileSync(path, `#!/bin/sh\nexec nice -n ${niceness} ${command} "$@"\n`);
  chmodSync(path, 0o755);
  return path;
}

/**
 * Headless Chromium with fake camera and microphone. `yieldToHub`: at `BROWSER_NICENESS`, so a
 * media hub beside it is scheduled first even where it may not raise its own priority (a hub
 * starved by the renderers forwards in bursts, which every receiver reads as congestion).
 */
export function launchChromium({ yieldToHub = false, args = [] } = {}) {
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return chromium.launch({
    executablePath: yieldToHub ? niceCommand(chromiumPath, BROWSER_NICENESS) : chromiumPath,
    args: [...CHROMIUM_ARGS, ...args],
  });
}

/**
 * Firefox preferences that work on these machines (TESTING.md): fake camera and microphone without
 * a prompt, host candidates on loopback, unobfuscated addresses, autoplay allowed. Without a default
 * route in the namespace Firefox gathers no candidates at all (the test runner adds one over lo).
 */
export const FIREFOX_PREFS = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'media.peerconnection.ice.loopback': true,
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  'media.autoplay.default': 0,
  // Web Audio too (a test reads received sound back through an AudioContext).
  'media.autoplay.block-webaudio': false,
};

/** Headless Firefox ESR with fake media, driven by puppeteer-core over WebDriver BiDi. */
export function launchFirefox() {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    extraPrefsFirefox: FIREFOX_PREFS,
  });
}

function freePort() {
  return new Promise((res, rej) => {
    const server = createServer();
    server.once('error', rej);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => res(port));
    });
  });
}

/**
 * Starts `command args` as the signal app on a free loopback port serving `webRoot`, and
 * resolves once `/healthz` answers (the poll only bounds the wait for the process to listen).
 */
export async function startSignalApp({ command, args, webRoot, resumeSecret, env = {} }) {
  const port = await freePort();
  const child = spawn(command, args, {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      WEB_ROOT: webRoot,
      RESUME_SECRET: resumeSecret,
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://localhost:${port}`;
  const deadline = Date.now() + SIGNAL_START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`signal app exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error('signal app did not become healthy');
    }
    await new Promise((r) => setTimeout(r, HEALTH_POLL_MS));
  }
  return { baseUrl, child };
}
