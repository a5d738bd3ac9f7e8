import { severityRank, type CheckResultRecord, type PredictionRecord } from '@driftwatch/core';
import { detailNumber } from '../detail-number.js';
import { latestBySubject } from '../latest-by-subject.js';
import { readCheckResultSeries } from './read-check-result-series.js';
import { timeRangeOf, type ReaderContext } from './reader-context.js';

/** One logged prediction as the logs page lists it. */
export interface PredictionLogView {
  id: string;
  timestamp: string;
  modelVersion: string;
  segment: string;
  label: string | number | boolean | null;
  score: number | null;
  latencyMillis: number | null;
  status: 'ok' | 'error';
  errorMessage: string | null;
  cacheHit: boolean;
  /** The features as compact JSON, cut at 300 characters. */
  features: string;
}

/** One feature's data quality from a data-quality check. */
export interface DataQualityView {
  subject: string;
  severity: CheckResultRecord['severity'];
  missingRate: number | null;
  missingRateReference: number | null;
  outOfRangeShare: number | null;
  unseenCategoryShare: number | null;
  unseenCategories: string[];
  rowCount: number | null;
  summary: string;
  checkedAt: string;
}

/** What the logs page shows (`GET api/logs`). */
export interface LogsData {
  model: string;
  generatedAt: string;
  rangeSeconds: number;
  errorsOnly: boolean;
  limit: number;
  predictions: PredictionLogView[];
  /** The newest data-quality result of each feature, worst first. */
  dataQuality: DataQualityView[];
  /** Data-quality results of the range that were not `OK`, newest first (at most 100). */
  dataQualityIssues: DataQualityView[];
  /** True when older runs of a long range were sampled (the last 30 minutes are always whole); the alerts page has every incident. */
  dataQualitySampled: boolean;
}

const maxFeatureText = 300;
const maxIssues = 100;

function toPredictionLogView(record: PredictionRecord): PredictionLogView {
  const features = JSON.stringify(record.features ?? {});
  return {
    id: record.id,
    timestamp: record.timestamp.toISOString(),
    modelVersion: record.modelVersion,
    segment: record.segment ?? '',
    label: record.prediction?.label ?? null,
    score: typeof record.prediction?.score === 'number' ? record.prediction.score : null,
    latencyMillis: record.latencyMillis ?? null,
    status: record.status ?? 'ok',
    errorMessage: record.errorMessage ?? null,
    cacheHit: record.cacheHit === true,
    features: features.length <= maxFeatureText ? features : `${features.slice(0, maxFeatureText - 1)}…`,
  };
}

function toDataQualityView(record: CheckResultRecord): DataQualityView {
  const details = record.details;
  return {
    subject: record.subject,
    severity: record.severity,
    missingRate: detailNumber(details, 'missingRate'),
    missingRateReference: detailNumber(details, 'missingRateReference'),
    outOfRangeShare: detailNumber(details, 'outOfRangeShare'),
    unseenCategoryShare: detailNumber(details, 'unseenCategoryShare'),
    unseenCategories: Array.isArray(details.unseenCategories) ? details.unseenCategories.filter((name): name is string => typeof name === 'string').slice(0, 20) : [],
    rowCount: detailNumber(details, 'n'),
    summary: typeof details.summary === 'string' ? details.summary : '',
    checkedAt: record.checkedAt.toISOString(),
  };
}

/**
 * Reads the logs page: the newest predictions of the range through one bounded
 * `readPredictions` (`?limit=`, default `logLimit`, at most 1000; `?errors=1` for failures only)
 * and the data-quality check results of the range (sampled on long ranges, like every series).
 *
 * @example
 * ```ts
 * import { readLogs } from './read-logs.js';
 * // const data = await readLogs({ config, modelName: 'churn', nowMillis: Date.now(), rangeSeconds: 86_400, query });
 * ```
 */
export async function readLogs(context: ReaderContext): Promise<LogsData> {
  const { store, logLimit } = context.config;
  const { from, to } = timeRangeOf(context.rangeSeconds, context.nowMillis);
  const requested = Number.parseInt(context.query.get('limit') ?? '', 10);
  const limit = Number.isInteger(requested) && requested > 0 ? Math.min(requested, 1000) : logLimit;
  const errorsOnly = context.query.get('errors') === '1';
  const [predictions, quality] = await Promise.all([
    store.readPredictions({ modelName: context.modelName, from, to, limit, errorsOnly }),
    readCheckResultSeries(store, { modelName: context.modelName, from, to, kind: 'data-quality' }, context.config.maxChartPoints),
  ]);
  const scoped = quality.records;
  const issues: DataQualityView[] = [];
  for (let index = scoped.length - 1; index >= 0 && issues.length < maxIssues; index--) {
    if (scoped[index]!.severity !== 'OK') issues.push(toDataQualityView(scoped[index]!));
  }
  return {
    model: context.modelName,
    generatedAt: new Date(context.nowMillis).toISOString(),
    rangeSeconds: context.rangeSeconds,
    errorsOnly,
    limit,
    predictions: predictions.map(toPredictionLogView),
    dataQualitySampled: quality.sampled,
    dataQuality: [...latestBySubject(quality.latestRun).values()]
      .map(toDataQualityView)
      .sort((left, right) => severityRank(right.severity) - severityRank(left.severity) || left.subject.localeCompare(right.subject)),
    dataQualityIssues: issues,
  };
}
