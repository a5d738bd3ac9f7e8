import { predictionColumns, type WindowProfileRecord } from '@driftwatch/core';
import { mergeProfiles, sketchQuantile, type DatasetProfile, type NumericColumnProfile, type NumericColumnSpec, type ProfileSpec } from '@driftwatch/drift';
import { toTimeSeries, type TimeSeries } from '../to-time-series.js';
import { readCheckResultSeries } from './read-check-result-series.js';
import { compareWindowWithBaseline, type BaselineComparison } from './compare-window-with-baseline.js';
import { latestDriftRows, type DriftRow } from './read-feature-drift.js';
import { timeRangeOf, type ReaderContext } from './reader-context.js';

/** What the prediction distribution page shows (`GET api/predictions`). */
export interface PredictionDistributionData {
  model: string;
  generatedAt: string;
  rangeSeconds: number;
  bucketSeconds: number;
  /** When buckets are longer than this, each is summarised from its last `sampledSeconds` of profiles; `null` when every profile was read. */
  sampledSeconds: number | null;
  /** Quantiles (`p10` … `p90`) and `mean` of `prediction.score` per time bucket. */
  scoreOverTime: TimeSeries;
  /** Share of each predicted label per time bucket (the eight most frequent labels). */
  labelsOverTime: TimeSeries;
  /** Predictions per minute in each time bucket (over the minutes that have profiles, so a partial bucket is not a dip). */
  rateOverTime: TimeSeries;
  /** PSI of `prediction.score` and `prediction.label` over time, from the prediction-drift checks. */
  driftOverTime: TimeSeries;
  driftRows: DriftRow[];
  comparison: BaselineComparison;
}

const scoreQuantiles = [
  ['p10', 0.1],
  ['p25', 0.25],
  ['p50', 0.5],
  ['p75', 0.75],
  ['p90', 0.9],
] as const;
const maxLabels = 8;

interface ScoreGroup {
  spec: ProfileSpec;
  columns: NumericColumnProfile[];
}

interface Bucket {
  startMillis: number;
  requestCount: number;
  /** Seconds of traffic the bucket's profiles cover, each window counted once. */
  coveredSeconds: number;
  windows: Set<number>;
  /** Score columns of the bucket's profiles, by spec fingerprint. */
  scores: Map<string, ScoreGroup>;
  labelCounts: Map<string, number>;
}

/**
 * Reads the prediction distribution page: the window profiles of the range grouped into at most
 * `maxDistributionBuckets` time buckets (sampled: the last five minutes of each bucket when buckets
 * are longer), each summarised by the quantiles of `prediction.score`
 * (from the merged quantile sketches of that column alone) and the shares of `prediction.label`;
 * the prediction-drift check results; and the recent window against the baseline.
 *
 * @example
 * ```ts
 * import { readPredictionDistribution } from './read-prediction-distribution.js';
 * // const data = await readPredictionDistribution({ config, modelName: 'churn', nowMillis: Date.now(), rangeSeconds: 86_400, query });
 * ```
 */
export async function readPredictionDistribution(context: ReaderContext): Promise<PredictionDistributionData> {
  const { store, maxChartPoints, maxDistributionBuckets, distributionWindowSeconds } = context.config;
  const { from, to } = timeRangeOf(context.rangeSeconds, context.nowMillis);
  const bucketSeconds = Math.max(60, Math.ceil(context.rangeSeconds / maxDistributionBuckets / 60) * 60);
  const [series, profiles, comparison] = await Promise.all([
    readCheckResultSeries(store, { modelName: context.modelName, from, to, kind: 'prediction-drift' }, maxChartPoints),
    readBucketProfiles(context, bucketSeconds),
    compareWindowWithBaseline(context, distributionWindowSeconds, (name) => name.startsWith('prediction.')),
  ]);
  const buckets = bucketProfiles(profiles, bucketSeconds * 1000);
  const scoped = series.records;
  return {
    model: context.modelName,
    generatedAt: new Date(context.nowMillis).toISOString(),
    rangeSeconds: context.rangeSeconds,
    bucketSeconds,
    ...summarizeBuckets(buckets, bucketSeconds),
    driftOverTime: toTimeSeries(scoped, { maxPoints: maxChartPoints, subjects: [predictionColumns.score, predictionColumns.label], aggregate: 'max' }),
    driftRows: latestDriftRows(series.latestRun).rows,
    sampledSeconds: bucketSeconds > sampleSeconds ? sampleSeconds : null,
    comparison,
  };
}

/** Each bucket longer than this is summarised from its last this-many seconds of profiles. */
const sampleSeconds = 300;

/**
 * The window profiles the buckets are built from: all of the range when buckets are at most five
 * minutes long (ranges up to four hours), else the last five minutes of each bucket, so a day
 * reads 240 minutes of profiles rather than 1,440 and a month the same 240.
 */
async function readBucketProfiles(context: ReaderContext, bucketSeconds: number): Promise<WindowProfileRecord[]> {
  const { store } = context.config;
  const { from, to } = timeRangeOf(context.rangeSeconds, context.nowMillis);
  if (bucketSeconds <= sampleSeconds) return store.readWindowProfiles({ modelName: context.modelName, from, to });
  const bucketMillis = bucketSeconds * 1000;
  const probes: Array<Promise<WindowProfileRecord[]>> = [];
  // Bucket boundaries are aligned to the epoch, as in bucketProfiles.
  for (let end = Math.min(to.getTime(), Math.floor(to.getTime() / bucketMillis) * bucketMillis + bucketMillis); end > from.getTime(); end -= bucketMillis) {
    const bucketEnd = Math.min(end, to.getTime());
    const start = Math.max(from.getTime(), bucketEnd - sampleSeconds * 1000);
    probes.push(store.readWindowProfiles({ modelName: context.modelName, from: new Date(start), to: new Date(bucketEnd) }));
  }
  return (await Promise.all(probes)).flat();
}

function bucketProfiles(profiles: readonly WindowProfileRecord[], bucketMillis: number): Bucket[] {
  const buckets = new Map<number, Bucket>();
  for (const record of profiles) {
    const startMillis = Math.floor(record.windowStart.getTime() / bucketMillis) * bucketMillis;
    let bucket = buckets.get(startMillis);
    if (bucket === undefined) {
      buckets.set(startMillis, (bucket = { startMillis, requestCount: 0, coveredSeconds: 0, windows: new Set(), scores: new Map(), labelCounts: new Map() }));
    }
    bucket.requestCount += record.requestCount;
    const windowMillis = record.windowStart.getTime();
    if (!bucket.windows.has(windowMillis)) {
      bucket.windows.add(windowMillis);
      bucket.coveredSeconds += record.windowSeconds;
    }
    const { spec, columns } = record.profile;
    spec.columns.forEach((column, index) => {
      const profile = columns[index];
      if (profile === undefined) return;
      if (column.name === predictionColumns.score && column.kind === 'numeric' && profile.kind === 'numeric' && profile.count > 0) {
        let group = bucket.scores.get(spec.fingerprint);
        if (group === undefined) bucket.scores.set(spec.fingerprint, (group = { spec: scoreSpecOf(spec, column), columns: [] }));
        group.columns.push(profile);
      } else if (column.name === predictionColumns.label && column.kind === 'categorical' && profile.kind === 'categorical') {
        column.categories.forEach((category, position) => add(bucket.labelCounts, category, profile.counts[position] ?? 0));
        profile.extraCategories.forEach((category, position) => add(bucket.labelCounts, category, profile.extraCounts[position] ?? 0));
        if (profile.other > 0) add(bucket.labelCounts, '(other)', profile.other);
      }
    });
  }
  return [...buckets.values()].sort((left, right) => left.startMillis - right.startMillis);
}

function add(counts: Map<string, number>, key: string, amount: number): void {
  if (amount > 0) counts.set(key, (counts.get(key) ?? 0) + amount);
}

/** A one-column spec per full spec, so that only the score column's sketches are merged (the rest of a profile is never touched). */
const scoreSpecs = new Map<string, ProfileSpec>();

function scoreSpecOf(full: ProfileSpec, column: NumericColumnSpec): ProfileSpec {
  let spec = scoreSpecs.get(full.fingerprint);
  if (spec === undefined) {
    if (scoreSpecs.size >= 100) scoreSpecs.clear();
    spec = { relativeAccuracy: full.relativeAccuracy, maxCategories: full.maxCategories, columns: [column], fingerprint: `${full.fingerprint}:score` };
    scoreSpecs.set(full.fingerprint, spec);
  }
  return spec;
}

function summarizeBuckets(
  buckets: readonly Bucket[],
  bucketSeconds: number,
): Pick<PredictionDistributionData, 'scoreOverTime' | 'labelsOverTime' | 'rateOverTime'> {
  const time = buckets.map((bucket) => (bucket.startMillis + bucketSeconds * 1000) / 1000);
  const scoreSeries: Record<string, Array<number | null>> = { mean: [] };
  for (const [name] of scoreQuantiles) scoreSeries[name] = [];
  const labelTotals = new Map<string, number>();
  for (const bucket of buckets) for (const [label, count] of bucket.labelCounts) add(labelTotals, label, count);
  const labels = [...labelTotals.entries()]
    .sort((left, right) => right[1] - left[1])
    .slice(0, maxLabels)
    .map(([label]) => label);
  const labelSeries: Record<string, Array<number | null>> = {};
  for (const label of labels) labelSeries[label] = [];
  for (const bucket of buckets) {
    let largest: ScoreGroup | undefined;
    for (const group of bucket.scores.values()) if (largest === undefined || group.columns.length > largest.columns.length) largest = group;
    if (largest === undefined) {
      for (const values of Object.values(scoreSeries)) values.push(null);
    } else {
      const spec = largest.spec;
      const parts: DatasetProfile[] = largest.columns.map((column) => ({ spec, rowCount: column.count + column.missing, columns: [column] }));
      const merged = (parts.length === 1 ? parts[0]! : mergeProfiles(...parts)).columns[0] as NumericColumnProfile;
      for (const [name, probability] of scoreQuantiles) scoreSeries[name]!.push(sketchQuantile(merged.sketch, probability));
      scoreSeries.mean!.push(merged.mean);
    }
    const bucketTotal = [...bucket.labelCounts.values()].reduce((sum, count) => sum + count, 0);
    for (const label of labels) labelSeries[label]!.push(bucketTotal > 0 ? (bucket.labelCounts.get(label) ?? 0) / bucketTotal : null);
  }
  return {
    scoreOverTime: { time, series: scoreSeries },
    labelsOverTime: { time, series: labelSeries },
    rateOverTime: {
      time,
      series: { 'predictions-per-minute': buckets.map((bucket) => (bucket.coveredSeconds > 0 ? (bucket.requestCount * 60) / bucket.coveredSeconds : null)) },
    },
  };
}
