import type { ChildProcess } from 'node:child_process';
import type { Browser } from 'playwright-core';
import type { Browser as PuppeteerBrowser } from 'puppeteer-core';

/** Chromium flags that work on these machines (TESTING.md). */
export declare const CHROMIUM_ARGS: readonly string[];
/** Niceness of the browsers of a test with a media hub. */
export declare const BROWSER_NICENESS: number;
/** A script running `command` with its arguments at `niceness`, for an `executablePath`. */
export declare function niceCommand(command: string, niceness: number): string;
/**
 * Headless Chromium with fake camera and microphone; `yieldToHub`: at `BROWSER_NICENESS`, below
 * a media hub beside it. `args` are added to `CHROMIUM_ARGS`.
 */
export declare function launchChromium(options?: {
  yieldToHub?: boolean;
  args?: readonly string[];
}): Promise<Browser>;
/** Firefox preferences that work on these machines (TESTING.md). */
export declare const FIREFOX_PREFS: Readonly<Record<string, boolean | number | string>>;
/** Headless Firefox ESR with fake media, over WebDriver BiDi. */
export declare function launchFirefox(): Promise<PuppeteerBrowser>;
/** Starts a signal app on a free loopback port and resolves once it is healthy. */
export declare function startSignalApp(options: {
  command: string;
  args: readonly string[];
  webRoot: string;
  resumeSecret: string;
  /** More environment for the signal app (EMBED_ORIGINS, say). */
  env?: Record<string, string>;
}): Promise<{ baseUrl: string; child: ChildProcess }>;
