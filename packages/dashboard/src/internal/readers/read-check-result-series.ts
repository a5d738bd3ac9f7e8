import type { CheckResultQuery, CheckResultRecord, EventStore } from '@driftwatch/core';
import { selectMonitorScope } from '../select-monitor-scope.js';

/** Check results of one kind over a range, at full resolution or sampled. */
export interface CheckResultSeries {
  /** One Monitor's results (see `selectMonitorScope`), oldest first. */
  records: CheckResultRecord[];
  /** The results of the newest check run. */
  latestRun: CheckResultRecord[];
  /** True when older runs were sampled rather than all read. */
  sampled: boolean;
  /** Seconds between the Monitor's runs, as measured on the recent runs; `null` with fewer than two. */
  cadenceSeconds: number | null;
}

/** The recent stretch always read in full: it gives the cadence and the newest run. */
const tailMillis = 30 * 60_000;
/** Below this many rows a single read is cheaper than many small probes. */
const maxFullReadRows = 5000;

function distinctTimes(records: readonly CheckResultRecord[]): number[] {
  return [...new Set(records.map((record) => record.checkedAt.getTime()))].sort((left, right) => left - right);
}

/**
 * Reads the check results of one kind over `[from, to)` without reading more runs than a chart
 * can show. The last 30 minutes are read in full; they give the Monitor's cadence. When the range
 * holds more than `maxRuns` runs at that cadence and more than 5,000 rows, the rest of the range is sampled: `maxRuns`
 * evenly spaced probes, each one cadence wide, so each reads about one run. A day of minute-by-minute
 * drift checks of ten features is then some 2,000 rows instead of 14,400. Every check covers a
 * rolling window (an hour by default), so neighbouring runs overlap almost entirely and a sample
 * every few minutes loses next to nothing of the curve.
 *
 * @example
 * ```ts
 * import { readCheckResultSeries } from './read-check-result-series.js';
 * // const { records, latestRun } = await readCheckResultSeries(store, { modelName: 'churn', kind: 'feature-drift', from, to }, 200);
 * ```
 */
export async function readCheckResultSeries(store: EventStore, query: CheckResultQuery, maxRuns: number): Promise<CheckResultSeries> {
  const fromMillis = query.from.getTime();
  const toMillis = query.to.getTime();
  const tailStart = Math.max(fromMillis, toMillis - tailMillis);
  const tail = selectMonitorScope(await store.readCheckResults({ ...query, from: new Date(tailStart) }));
  const tailTimes = distinctTimes(tail);
  const lastMillis = tailTimes.at(-1);
  const latestOf = (records: readonly CheckResultRecord[]) => {
    const newest = records.reduce((latest, record) => Math.max(latest, record.checkedAt.getTime()), Number.NEGATIVE_INFINITY);
    return records.filter((record) => record.checkedAt.getTime() === newest);
  };
  let cadenceMillis: number | undefined;
  if (tailTimes.length >= 2) {
    const gaps = tailTimes.slice(1).map((time, index) => time - tailTimes[index]!).sort((left, right) => left - right);
    cadenceMillis = Math.max(1000, gaps[Math.floor(gaps.length / 2)]!);
  }
  if (tailStart === fromMillis) {
    return { records: tail, latestRun: latestOf(tail), sampled: false, cadenceSeconds: cadenceMillis === undefined ? null : cadenceMillis / 1000 };
  }
  const expectedRuns = cadenceMillis === undefined ? 0 : (toMillis - fromMillis) / cadenceMillis;
  const rowsPerRun = tail.filter((record) => record.checkedAt.getTime() === lastMillis).length;
  if (cadenceMillis === undefined || expectedRuns <= maxRuns || expectedRuns * rowsPerRun <= maxFullReadRows) {
    const records = selectMonitorScope(await store.readCheckResults(query));
    return { records, latestRun: latestOf(records), sampled: false, cadenceSeconds: cadenceMillis === undefined ? null : cadenceMillis / 1000 };
  }
  const strideMillis = (tailStart - fromMillis) / maxRuns;
  const probeMillis = Math.min(strideMillis, cadenceMillis * 1.2);
  const probes: Array<Promise<CheckResultRecord[]>> = [];
  for (let index = 0; index < maxRuns; index++) {
    const end = tailStart - index * strideMillis;
    const start = Math.max(fromMillis, end - probeMillis);
    if (end <= fromMillis) break;
    probes.push(store.readCheckResults({ ...query, from: new Date(start), to: new Date(end) }));
  }
  const older = (await Promise.all(probes)).reverse().flat();
  // Keep the Monitor chosen in the tail, so sampled points continue the same line.
  const scope = tail[0];
  const sameScope = scope === undefined ? selectMonitorScope(older) : older.filter((record) => record.modelVersion === scope.modelVersion && record.segment === scope.segment);
  sameScope.sort((left, right) => left.checkedAt.getTime() - right.checkedAt.getTime());
  return {
    records: [...sameScope, ...tail],
    latestRun: lastMillis === undefined ? [] : tail.filter((record) => record.checkedAt.getTime() === lastMillis),
    sampled: true,
    cadenceSeconds: cadenceMillis / 1000,
  };
}
