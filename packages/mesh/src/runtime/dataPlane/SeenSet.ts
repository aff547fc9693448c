/**
 * Remembers the last `capacity` ids, oldest forgotten first. Enough to deliver each message
 * once: a duplicate arrives within a plan switch, long before the id is evicted.
 */
export class SeenSet {
  readonly #ids = new Set<string>();

  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** Records `id`; true the first time it is seen, false for a duplicate. */
  add(id: string): boolean {
    if (this.#ids.has(id)) return false;
    this.#ids.add(id);
    if (this.#ids.size > this.#capacity) {
      const oldest = this.#ids.values().next();
      if (oldest.done !== true) this.#ids.delete(oldest.value);
    }
    return true;
  }

  /** Whether `id` was seen (and not yet forgotten). */
  has(id: string): boolean {
    return this.#ids.has(id);
  }

  /** Forgets `id`. */
  delete(id: string): void {
    this.#ids.delete(id);
  }

  /** Number of ids remembered. */
  get size(): number {
    return this.#ids.size;
  }
}
