import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';

/** The longest this process's event loop stood still since a window began. */
export interface LoopStalls {
  /** The longest stall since the last `reset()` (or the start), in ms. */
  longestMs(): number;
  /** Starts a new window. */
  reset(): void;
  /** Stops watching. Idempotent. */
  stop(): void;
}

/**
 * Watches this process's event loop. Every bot of a test runs in it, and each bot meters frames on
 * it: while the loop stands still (a loaded two-core machine starving the process) no frame is
 * seen by any bot, so a frame gap that long says nothing about the media. Tests that bound frame
 * gaps add the window's longest stall to the bound.
 */
export function watchLoopStalls(): LoopStalls {
  const histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let stopped = false;
  return {
    longestMs: () => histogram.max / 1e6,
    reset: () => histogram.reset(),
    stop: () => {
      if (stopped) return;
      stopped = true;
      histogram.disable();
    },
  };
}
