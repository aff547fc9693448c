// Test support: the window a switch's frame gaps are measured in. Not part of the package's
// export list.

/** Whether gaps are being measured, since when, and how long the sources themselves stalled. */
export class GapMeasure {
  /** True between `start()` and `stop()`. */
  active = false;
  /** performance.now() when measurement last started. */
  startedAt = 0;
  /**
   * Largest interval between two frames a synthetic camera produced while measuring: the
   * process's own stalls (a busy machine), which no routing can hide.
   */
  sourceMaxGapMs = 0;

  /** Starts a measurement, resetting the source maximum. */
  start(): void {
    this.active = true;
    this.startedAt = performance.now();
    this.sourceMaxGapMs = 0;
  }

  /** Stops measuring; the numbers stay readable. */
  stop(): void {
    this.active = false;
  }

  /** A camera produced a frame `gapMs` after its previous one. */
  sourceFrame(gapMs: number): void {
    if (this.active) this.sourceMaxGapMs = Math.max(this.sourceMaxGapMs, gapMs);
  }
}
