// Test support: the listener plumbing the fakes share. Not part of the package's export list.

/** A listener of a fake event: the event is a plain object with its `type`. */
export type FakeListener = (event: { type: string; [key: string]: unknown }) => void;

/** `addEventListener` / `removeEventListener` and a `dispatch` for tests and fakes. */
export class FakeEventTarget {
  private readonly listeners = new Map<string, Set<FakeListener>>();

  addEventListener(type: string, listener: FakeListener): void {
    let set = this.listeners.get(type);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(type, set);
    }
    set.add(listener);
  }

  removeEventListener(type: string, listener: FakeListener): void {
    this.listeners.get(type)?.delete(listener);
  }

  /** Calls every listener of `type` with an event carrying `fields`. */
  dispatch(type: string, fields: Record<string, unknown> = {}): void {
    for (const listener of [...(this.listeners.get(type) ?? [])]) listener({ type, ...fields });
  }

  /** Listeners of `type` now, so tests can tell that an owner removed its own. */
  listenerCount(type: string): number {
    return this.listeners.get(type)?.size ?? 0;
  }
}
