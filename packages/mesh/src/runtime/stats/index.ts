// Entry point of link stats for the rest of the runtime: the pure summaries, the reader that
// windows one read per link, and the shared sampler.

export { mediaCountsByMid } from './mediaCounts';
export { StatsReader, type StatsSource, unreadStats } from './StatsReader';
export { STATS_INTERVAL_MS, StatsSampler, type StatsSamplerOptions } from './StatsSampler';
export {
  type Stat,
  type StatsReportLike,
  type StatsSample,
  type StatsSummary,
  summarizeStats,
} from './summarize';
