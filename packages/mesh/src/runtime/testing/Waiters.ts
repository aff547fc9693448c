// Test support: waits on a predicate, re-checked whenever something happens. Not part of the
// package's export list.

/**
 * Predicate waits re-checked on `notify()` (every frame and controller event), not polled: on two
 * busy cores polling every turn would compete with the media it waits for.
 */
export class Waiters {
  private readonly checks = new Set<() => void>();

  /**
   * Resolves once `predicate` holds; rejects past `timeoutMs` with `label` and `describe()` (the
   * room's state, for the failure message).
   */
  until(
    predicate: () => boolean,
    label: string,
    timeoutMs: number,
    describe: () => string,
  ): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.checks.delete(check);
        resolve();
      };
      // A deadline bounding the wait; nothing is ordered by it.
      const timer = setTimeout(() => {
        this.checks.delete(check);
        reject(new Error(`timed out waiting for: ${label}\n${describe()}`));
      }, timeoutMs);
      this.checks.add(check);
    });
  }

  /** Something changed: re-checks every waiting predicate. */
  notify(): void {
    for (const check of [...this.checks]) check();
  }
}
