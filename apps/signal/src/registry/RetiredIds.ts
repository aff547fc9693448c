/**
 * Peer ids that left or timed out in this process, so their resume tokens no longer restore
 * them. Bounded in size and age; a restarted process starts empty, which is what lets tokens
 * rebuild rooms after a restart.
 */
export class RetiredIds {
  private readonly ids = new Map<string, number>();

  constructor(
    private readonly maxEntries: number,
    private readonly maxAgeMs: number,
  ) {}

  /** Remembers `id` as retired at `now`. */
  add(id: string, now: number): void {
    this.ids.delete(id);
    this.ids.set(id, now);
    this.prune(now);
  }

  /** Whether `id` was retired recently. */
  has(id: string, now: number): boolean {
    this.prune(now);
    return this.ids.has(id);
  }

  private prune(now: number): void {
    for (const [id, at] of this.ids) {
      if (this.ids.size <= this.maxEntries && now - at <= this.maxAgeMs) break;
      this.ids.delete(id);
    }
  }
}
