/**
 * What one model version did over a stretch of traffic: the inputs of the promotion policy.
 * Accuracy comes from labelled predictions; error rate and latency from the window profiles
 * the prediction logger writes. Absent figures leave their guardrail unevaluated.
 *
 * @example
 * ```ts
 * import type { ArmSummary } from '@driftwatch/registry';
 * const challenger: ArmSummary = { modelVersion: '5', labelledCount: 1200, correctCount: 1010, auc: 0.86, requestCount: 1500, errorCount: 2, latencyP95Millis: 12 };
 * ```
 */
export interface ArmSummary {
  modelVersion: string;
  /** Predictions with an outcome whose correctness could be judged. */
  labelledCount: number;
  /** Of those, the correct ones. */
  correctCount: number;
  /** ROC AUC of the scores against the outcomes, when scores and both classes are present. */
  auc?: number;
  /** Predictions logged (errors included), from window profiles. */
  requestCount?: number;
  /** Predictions whose handler failed, from window profiles. */
  errorCount?: number;
  /** 95th percentile latency in milliseconds, from the window profiles' latency sketches. */
  latencyP95Millis?: number;
}
