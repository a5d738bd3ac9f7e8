import { rocAuc, mergeProfiles, sketchQuantile, type DatasetProfile } from '@driftwatch/drift';
import type { EventStore } from '@driftwatch/core';
import type { ArmSummary } from './arm-summary.js';

/**
 * What {@link summarizeArm} reads.
 *
 * @example
 * ```ts
 * import type { SummarizeArmOptions } from '@driftwatch/registry';
 * const options: SummarizeArmOptions = {
 *   eventStore, modelName: 'churn', modelVersion: '5', from: new Date('2026-03-01'), to: new Date(), positiveLabel: 'Yes',
 * };
 * ```
 */
export interface SummarizeArmOptions {
  eventStore: EventStore;
  modelName: string;
  modelVersion: string;
  /** Start of the traffic to summarize (inclusive). */
  from: Date;
  /** End of the traffic to summarize (exclusive). */
  to: Date;
  /**
   * The positive class. Needed for AUC, and to judge predictions that carry only a score.
   * @default undefined (no AUC; score-only predictions are not judged)
   */
  positiveLabel?: string | number | boolean;
  /** A score at or above it predicts the positive class, for predictions without a label. @default 0.5 */
  scoreThreshold?: number;
}

/**
 * Summarizes one model version's traffic in `[from, to)` for the promotion policy: accuracy from
 * `eventStore.readLabelledPredictions` filtered by `modelVersion` (labels compared as strings, so
 * `'1'` matches `1`; failed requests are left out), ROC AUC of the scores when `positiveLabel` is
 * given and both classes occur, and request count, error count and p95 latency from the window
 * profiles of that version (merged sketches, within the sketch's 1 % relative accuracy).
 *
 * @example
 * ```ts
 * import { summarizeArm } from '@driftwatch/registry';
 * const challenger = await summarizeArm({ eventStore, modelName: 'churn', modelVersion: '5', from: testStart, to: new Date(), positiveLabel: 'Yes' });
 * challenger.correctCount / challenger.labelledCount; // accuracy since the test started
 * ```
 */
export async function summarizeArm(options: SummarizeArmOptions): Promise<ArmSummary> {
  const query = { modelName: options.modelName, modelVersion: options.modelVersion, from: options.from, to: options.to };
  const [labelled, windows] = await Promise.all([options.eventStore.readLabelledPredictions(query), options.eventStore.readWindowProfiles(query)]);
  const threshold = options.scoreThreshold ?? 0.5;
  const positive = options.positiveLabel === undefined ? undefined : String(options.positiveLabel);
  let labelledCount = 0;
  let correctCount = 0;
  const scores: number[] = [];
  const isPositive: number[] = [];
  for (const { prediction, outcome } of labelled) {
    if (prediction.status === 'error') continue;
    const actual = String(outcome.label);
    const { label, score } = prediction.prediction;
    if (label !== undefined && label !== null) {
      labelledCount++;
      if (String(label) === actual) correctCount++;
    } else if (typeof score === 'number' && positive !== undefined) {
      // Without a label, the score says positive or "anything else".
      labelledCount++;
      if (score >= threshold === (actual === positive)) correctCount++;
    }
    if (positive !== undefined && typeof score === 'number' && Number.isFinite(score)) {
      scores.push(score);
      isPositive.push(actual === positive ? 1 : 0);
    }
  }
  const summary: ArmSummary = { modelVersion: options.modelVersion, labelledCount, correctCount };
  const positives = isPositive.reduce((sum, flag) => sum + flag, 0);
  if (positives > 0 && positives < isPositive.length) summary.auc = rocAuc(isPositive, scores);
  if (windows.length > 0) {
    summary.requestCount = windows.reduce((sum, window) => sum + window.requestCount, 0);
    summary.errorCount = windows.reduce((sum, window) => sum + window.errorCount, 0);
    const p95 = latencyP95(windows.map((window) => window.latency));
    if (p95 !== undefined) summary.latencyP95Millis = p95;
  }
  return summary;
}

/** p95 of the merged latency sketches; profiles of a spec other than the most common one are left out. */
function latencyP95(profiles: readonly DatasetProfile[]): number | undefined {
  const bySpec = new Map<string, DatasetProfile[]>();
  for (const profile of profiles) {
    const group = bySpec.get(profile.spec.fingerprint) ?? [];
    group.push(profile);
    bySpec.set(profile.spec.fingerprint, group);
  }
  const largest = [...bySpec.values()].sort((left, right) => right.length - left.length)[0];
  if (largest === undefined) return undefined;
  const merged = mergeProfiles(...largest);
  const index = merged.spec.columns.findIndex((column) => column.name === 'latencyMillis');
  const column = merged.columns[index >= 0 ? index : 0];
  if (column === undefined || column.kind !== 'numeric' || column.count === 0) return undefined;
  return sketchQuantile(column.sketch, 0.95);
}
