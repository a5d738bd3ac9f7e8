import type { CheckResultRecord } from '@driftwatch/core';
import { detailNumber } from '../detail-number.js';
import { toTimeSeries, type TimeSeries } from '../to-time-series.js';
import { readCheckResultSeries } from './read-check-result-series.js';
import { compareWindowWithBaseline, type BaselineComparison } from './compare-window-with-baseline.js';
import { timeRangeOf, type ReaderContext } from './reader-context.js';

/** One row of the drift table: a column's latest drift check. */
export interface DriftRow {
  subject: string;
  /** `ks` or `chi-squared`. */
  test: string | null;
  /** KS D or the chi-squared statistic. */
  statistic: number | null;
  /** The p-value after the multiple-testing correction. */
  pValue: number | null;
  rawPValue: number | null;
  /** The effect size graded (PSI by default). */
  effect: number;
  effectMetric: string;
  n: number | null;
  referenceCount: number | null;
  severity: CheckResultRecord['severity'];
  significant: boolean | null;
  topBins: Array<{ bin: string; referenceShare: number; currentShare: number }>;
  summary: string;
  checkedAt: string;
}

/** What the feature drift page shows (`GET api/drift`). */
export interface FeatureDriftData {
  model: string;
  generatedAt: string;
  rangeSeconds: number;
  lastCheckedAt: string | null;
  rows: DriftRow[];
  /** True when a long range was sampled (see `readCheckResultSeries`). */
  sampled: boolean;
  /** The effect size (PSI) of each feature over time; buckets keep their maximum. */
  overTime: TimeSeries;
  comparison: BaselineComparison;
}

/**
 * Turns drift check results into table rows.
 *
 * @example
 * ```ts
 * import { toDriftRow } from './read-feature-drift.js';
 * const at = new Date();
 * toDriftRow({ id: '1', modelName: 'churn', modelVersion: '', segment: '', checkedAt: at, windowStart: at, windowEnd: at, kind: 'feature-drift', subject: 'tenure', value: 0.3, severity: 'CRITICAL', details: { test: 'psi' } }).effect; // 0.3
 * ```
 */
export function toDriftRow(record: CheckResultRecord): DriftRow {
  const details = record.details;
  const topBins = Array.isArray(details.topBins)
    ? (details.topBins as unknown[]).filter(
        (bin): bin is DriftRow['topBins'][number] =>
          typeof bin === 'object' && bin !== null && typeof (bin as Record<string, unknown>).bin === 'string',
      )
    : [];
  return {
    subject: record.subject,
    test: typeof details.hypothesisTest === 'string' ? details.hypothesisTest : null,
    statistic: detailNumber(details, 'hypothesisStatistic'),
    pValue: detailNumber(details, 'pValue'),
    rawPValue: detailNumber(details, 'rawPValue'),
    effect: record.value,
    effectMetric: typeof details.test === 'string' ? details.test : 'psi',
    n: detailNumber(details, 'n'),
    referenceCount: detailNumber(details, 'referenceCount'),
    severity: record.severity,
    significant: typeof details.significant === 'boolean' ? details.significant : null,
    topBins,
    summary: typeof details.summary === 'string' ? details.summary : '',
    checkedAt: record.checkedAt.toISOString(),
  };
}

/** The rows of the newest check run, loudest effect first. */
export function latestDriftRows(records: readonly CheckResultRecord[]): { rows: DriftRow[]; lastCheckedMillis: number | undefined } {
  let lastCheckedMillis: number | undefined;
  for (const record of records) {
    const millis = record.checkedAt.getTime();
    if (lastCheckedMillis === undefined || millis > lastCheckedMillis) lastCheckedMillis = millis;
  }
  const rows = records
    .filter((record) => record.checkedAt.getTime() === lastCheckedMillis)
    .map(toDriftRow)
    .sort((left, right) => right.effect - left.effect);
  return { rows, lastCheckedMillis };
}

/**
 * Reads the feature drift page: the feature-drift check results over the range (the table is the
 * newest run, the chart every run) and the recent window compared with the baseline.
 *
 * @example
 * ```ts
 * import { readFeatureDrift } from './read-feature-drift.js';
 * // const data = await readFeatureDrift({ config, modelName: 'churn', nowMillis: Date.now(), rangeSeconds: 86_400, query });
 * ```
 */
export async function readFeatureDrift(context: ReaderContext): Promise<FeatureDriftData> {
  const { store, maxChartPoints, distributionWindowSeconds } = context.config;
  const { from, to } = timeRangeOf(context.rangeSeconds, context.nowMillis);
  const [series, comparison] = await Promise.all([
    readCheckResultSeries(store, { modelName: context.modelName, from, to, kind: 'feature-drift' }, maxChartPoints),
    compareWindowWithBaseline(context, distributionWindowSeconds, (name) => !name.startsWith('prediction.')),
  ]);
  const scoped = series.records;
  const { rows, lastCheckedMillis } = latestDriftRows(series.latestRun);
  return {
    model: context.modelName,
    generatedAt: new Date(context.nowMillis).toISOString(),
    rangeSeconds: context.rangeSeconds,
    lastCheckedAt: lastCheckedMillis === undefined ? null : new Date(lastCheckedMillis).toISOString(),
    rows,
    sampled: series.sampled,
    overTime: toTimeSeries(scoped, { maxPoints: maxChartPoints, subjects: rows.length > 0 ? rows.map((row) => row.subject) : undefined, aggregate: 'max' }),
    comparison,
  };
}
