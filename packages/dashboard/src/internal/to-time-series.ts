import type { CheckResultRecord } from '@driftwatch/core';

/** Columnar series for a chart: `time` in epoch seconds, one array per subject (`null` where it has no point). */
export interface TimeSeries {
  time: number[];
  series: Record<string, Array<number | null>>;
}

/** How points in one bucket of a long series are combined. */
export type SeriesAggregate = 'mean' | 'max';

/**
 * Turns check results (oldest first) into one chart series per subject on a shared time axis,
 * averaged into at most `maxPoints` buckets (or the buckets' maximum, so that a drift spike is
 * never smoothed away).
 *
 * @example
 * ```ts
 * import { toTimeSeries } from './to-time-series.js';
 * toTimeSeries([], { maxPoints: 100 }); // { time: [], series: {} }
 * ```
 */
export function toTimeSeries(
  records: readonly CheckResultRecord[],
  options: { maxPoints: number; subjects?: readonly string[]; aggregate?: SeriesAggregate },
): TimeSeries {
  const subjects = options.subjects ?? [...new Set(records.map((record) => record.subject))];
  const wanted = new Set(subjects);
  const times: number[] = [];
  const indexOfTime = new Map<number, number>();
  for (const record of records) {
    if (!wanted.has(record.subject)) continue;
    const millis = record.checkedAt.getTime();
    if (!indexOfTime.has(millis)) {
      indexOfTime.set(millis, times.length);
      times.push(millis);
    }
  }
  // Records come oldest first from the store, but several Monitors may interleave.
  const order = times.map((_, index) => index).sort((left, right) => times[left]! - times[right]!);
  const position = new Array<number>(times.length);
  order.forEach((original, sorted) => (position[original] = sorted));
  const sortedTimes = order.map((index) => times[index]!);
  const columns: Record<string, Array<number | null>> = {};
  for (const subject of subjects) columns[subject] = new Array<number | null>(sortedTimes.length).fill(null);
  for (const record of records) {
    const column = columns[record.subject];
    if (column === undefined) continue;
    column[position[indexOfTime.get(record.checkedAt.getTime())!]!] = Number.isFinite(record.value) ? record.value : null;
  }
  return downsample({ time: sortedTimes.map((millis) => millis / 1000), series: columns }, options.maxPoints, options.aggregate ?? 'mean');
}

function downsample(input: TimeSeries, maxPoints: number, aggregate: SeriesAggregate): TimeSeries {
  const length = input.time.length;
  if (length <= maxPoints) return input;
  const bucketSize = Math.ceil(length / maxPoints);
  const time: number[] = [];
  const series: Record<string, Array<number | null>> = {};
  for (const name of Object.keys(input.series)) series[name] = [];
  for (let start = 0; start < length; start += bucketSize) {
    const end = Math.min(length, start + bucketSize);
    time.push(input.time[end - 1]!);
    for (const [name, values] of Object.entries(input.series)) {
      let total = 0;
      let count = 0;
      let maximum = Number.NEGATIVE_INFINITY;
      for (let index = start; index < end; index++) {
        const value = values[index];
        if (value === null || value === undefined) continue;
        total += value;
        count++;
        if (value > maximum) maximum = value;
      }
      series[name]!.push(count === 0 ? null : aggregate === 'max' ? maximum : total / count);
    }
  }
  return { time, series };
}
