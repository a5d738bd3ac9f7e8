import type { ResolvedDashboardConfig } from '../resolve-dashboard-config.js';

/** What every page reader gets: the config, the model, the time and the range asked for. */
export interface ReaderContext {
  config: Readonly<ResolvedDashboardConfig>;
  modelName: string;
  nowMillis: number;
  rangeSeconds: number;
  /** The query string of the request, for reader-specific options. */
  query: URLSearchParams;
}

/**
 * The half-open range `[now − range, now]` as store queries take it (the end is nudged past now
 * so that a point stamped this millisecond is included).
 *
 * @example
 * ```ts
 * import { timeRangeOf } from './reader-context.js';
 * const { from, to } = timeRangeOf(3600, Date.now());
 * ```
 */
export function timeRangeOf(seconds: number, nowMillis: number): { from: Date; to: Date } {
  return { from: new Date(nowMillis - seconds * 1000), to: new Date(nowMillis + 1) };
}
