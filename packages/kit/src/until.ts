/** Options of `until()`. */
export interface UntilOptions {
  /** What is awaited, for the timeout message. */
  what: string;
  /** Real milliseconds before giving up. Default 5000. */
  timeoutMs?: number;
  /** Real milliseconds between checks; 0 checks on every macrotask turn. Default 0. */
  intervalMs?: number;
}

/** Default deadline of `until()`. */
export const UNTIL_TIMEOUT_MS = 5_000;

/**
 * Resolves once `predicate` holds, checking on every turn of the event loop (or every
 * `intervalMs`); rejects with `timed out after N ms waiting for <what>` past `timeoutMs` of real
 * time. For tests and tools that wait on state instead of sleeping.
 */
export async function until(
  predicate: () => boolean | Promise<boolean>,
  options: UntilOptions,
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? UNTIL_TIMEOUT_MS;
  const intervalMs = options.intervalMs ?? 0;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await predicate()) return;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${options.what}`);
    }
    await new Promise((resolve) => globalThis.setTimeout(resolve, intervalMs));
  }
}
