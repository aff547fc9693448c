/** Which engine a page runs in. */
export type BrowserName = 'chromium' | 'firefox';

/**
 * The little a cross-browser test needs from one page, satisfied by a Playwright page (Chromium)
 * and a Puppeteer page over WebDriver BiDi (Firefox ESR). Elements are found with CSS selectors;
 * `tools.ts` builds role and name look-ups on top, in the page itself, so both engines find
 * elements the same way.
 */
export interface PageDriver {
  readonly browser: BrowserName;
  goto(url: string): Promise<void>;
  /** Runs `fn(arg)` in the page and returns its (serialisable) result. */
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Resolves once `fn(arg)` is truthy in the page; rejects after `timeoutMs`. */
  waitFor<A>(fn: (arg: A) => unknown, arg: A, timeoutMs: number): Promise<void>;
  /** A real (trusted) click on the first element matching `selector`. */
  click(selector: string): Promise<void>;
  /** Real key presses into the element matching `selector` (after clearing it). */
  type(selector: string, text: string): Promise<void>;
  /** Chooses the `<option>` with `value` in the `<select>` matching `selector`. */
  select(selector: string, value: string): Promise<void>;
  /** Chooses a file from disk in the `<input type=file>` matching `selector`. */
  upload(selector: string, path: string): Promise<void>;
  screenshot(path: string): Promise<void>;
  /** The page's latest console warnings and errors, oldest first (for failure messages). */
  recentConsole(): readonly string[];
  /** Closes the page and its browser context. */
  close(): Promise<void>;
}

/** Opens a fresh page in a browser context of its own (own storage, own camera). */
export interface BrowserDriver {
  readonly name: BrowserName;
  readonly version: string;
  /** `init` runs in every document of the page before its own scripts (a missing device, say). */
  newPage(init?: () => void): Promise<PageDriver>;
  close(): Promise<void>;
}
