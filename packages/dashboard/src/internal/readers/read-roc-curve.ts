import { rocAuc, rocCurve } from '@driftwatch/drift';
import { latestBySubject } from '../latest-by-subject.js';
import { selectMonitorScope } from '../select-monitor-scope.js';
import { confusionMatrixOf } from './read-performance.js';
import { timeRangeOf, type ReaderContext } from './reader-context.js';

/** What the ROC chart shows (`GET api/performance/roc`). */
export interface RocCurveData {
  model: string;
  available: boolean;
  /** `check`: stored by the performance check; `computed`: from labelled predictions of the window. */
  source: 'check' | 'computed' | null;
  falsePositiveRate: number[];
  truePositiveRate: number[];
  auc: number | null;
  /** Labelled predictions the computed curve used. */
  labelledCount: number;
  windowStart: string | null;
  windowEnd: string | null;
  positiveLabel: string | number | boolean | null;
  note: string | null;
}

const maxCurvePoints = 300;

function thin(falsePositiveRate: number[], truePositiveRate: number[]): { falsePositiveRate: number[]; truePositiveRate: number[] } {
  if (falsePositiveRate.length <= maxCurvePoints) return { falsePositiveRate, truePositiveRate };
  const step = (falsePositiveRate.length - 1) / (maxCurvePoints - 1);
  const indexes = Array.from({ length: maxCurvePoints }, (_, index) => Math.round(index * step));
  return { falsePositiveRate: indexes.map((index) => falsePositiveRate[index]!), truePositiveRate: indexes.map((index) => truePositiveRate[index]!) };
}

const numberArray = (value: unknown): number[] | undefined =>
  Array.isArray(value) && value.every((item) => typeof item === 'number') ? (value as number[]) : undefined;

/**
 * Reads the ROC curve: the one the newest performance check stored in its details
 * (`details.rocCurve = { falsePositiveRate, truePositiveRate }`) when present, else computed from
 * the labelled predictions of the last `rocWindowSeconds` before that check (at most the newest
 * `maxRocPredictions`), with the positive label of the check's confusion matrix.
 *
 * @example
 * ```ts
 * import { readRocCurve } from './read-roc-curve.js';
 * // const data = await readRocCurve({ config, modelName: 'churn', nowMillis: Date.now(), rangeSeconds: 86_400, query });
 * ```
 */
export async function readRocCurve(context: ReaderContext): Promise<RocCurveData> {
  const { store, rocWindowSeconds, maxRocPredictions } = context.config;
  const { modelName, nowMillis } = context;
  const { from, to } = timeRangeOf(context.rangeSeconds, nowMillis);
  // Only the newest run matters here: look at the recent end of the range first.
  const recent = new Date(Math.max(from.getTime(), to.getTime() - 2 * rocWindowSeconds * 1000));
  let latest = latestBySubject(selectMonitorScope(await store.readCheckResults({ modelName, from: recent, to, kind: 'performance' })));
  if (latest.size === 0 && recent.getTime() > from.getTime()) {
    latest = latestBySubject(selectMonitorScope(await store.readCheckResults({ modelName, from, to, kind: 'performance' })));
  }
  const unavailable = (note: string, extra: Partial<RocCurveData> = {}): RocCurveData => ({
    model: modelName,
    available: false,
    source: null,
    falsePositiveRate: [],
    truePositiveRate: [],
    auc: null,
    labelledCount: 0,
    windowStart: null,
    windowEnd: null,
    positiveLabel: null,
    note,
    ...extra,
  });
  for (const record of latest.values()) {
    const stored = record.details.rocCurve as Record<string, unknown> | undefined;
    const falsePositiveRate = numberArray(stored?.falsePositiveRate);
    const truePositiveRate = numberArray(stored?.truePositiveRate);
    if (falsePositiveRate !== undefined && truePositiveRate !== undefined && falsePositiveRate.length === truePositiveRate.length && falsePositiveRate.length > 1) {
      return {
        ...unavailable(''),
        available: true,
        source: 'check',
        ...thin(falsePositiveRate, truePositiveRate),
        auc: latest.get('auc')?.value ?? null,
        windowStart: record.windowStart.toISOString(),
        windowEnd: record.windowEnd.toISOString(),
        note: null,
      };
    }
  }
  let positiveLabel = context.config.positiveLabel;
  if (positiveLabel === undefined) {
    for (const record of latest.values()) {
      const label = confusionMatrixOf(record.details)?.positiveLabel;
      if (label !== null && label !== undefined) {
        positiveLabel = label;
        break;
      }
    }
  }
  const anchor = latest.get('auc') ?? latest.get('label-coverage') ?? latest.values().next().value;
  const windowEndMillis = anchor?.windowEnd.getTime() ?? nowMillis;
  const window = timeRangeOf(rocWindowSeconds, windowEndMillis);
  const windowFields = { windowStart: window.from.toISOString(), windowEnd: new Date(windowEndMillis).toISOString(), positiveLabel: positiveLabel ?? null };
  const labelled = await store.readLabelledPredictions({ modelName, from: window.from, to: window.to });
  const actual: Array<string | number | boolean> = [];
  const scores: number[] = [];
  // Newest first, so the cap keeps the most recent labelled predictions.
  for (let index = labelled.length - 1; index >= 0 && scores.length < maxRocPredictions; index--) {
    const { prediction, outcome } = labelled[index]!;
    const score = prediction.prediction.score;
    if (prediction.status === 'error' || typeof score !== 'number' || !Number.isFinite(score)) continue;
    actual.push(outcome.label);
    scores.push(score);
  }
  if (scores.length < 2) return unavailable('Not enough labelled predictions with a score in the window yet.', windowFields);
  try {
    const options = positiveLabel === undefined ? {} : { positive: positiveLabel };
    const curve = rocCurve(actual, scores, options);
    return {
      model: modelName,
      available: true,
      source: 'computed',
      ...thin(curve.falsePositiveRate, curve.truePositiveRate),
      auc: rocAuc(actual, scores, options),
      labelledCount: scores.length,
      ...windowFields,
      note: null,
    };
  } catch (error) {
    return unavailable(`No ROC curve: ${error instanceof Error ? error.message : String(error)}`, { ...windowFields, labelledCount: scores.length });
  }
}
