import type { CheckResultRecord } from '../records/check-result-record.js';
import { createPredictionId } from '../records/create-prediction-id.js';
import type { CheckMeasurement } from './check-measurement.js';
import type { AlertEvaluation } from './evaluate-measurement.js';

/** Where and when a check ran, shared by every record of one run. */
export interface CheckRunContext {
  modelName: string;
  modelVersion: string;
  segment: string;
  checkedAt: Date;
  windowStart: Date;
  windowEnd: Date;
}

/**
 * One point of a check's time series: the measurement's headline value, its severity for this
 * one check (before hysteresis) and the evidence as JSON. `details.graded` is false when no rule
 * graded it, which a restarted policy reads to skip it when replaying hysteresis. Numbers that
 * are not finite become `null`, as JSON stores them.
 *
 * @example
 * ```ts
 * import { createAlertPolicy } from '@driftwatch/core';
 * import { toCheckResultRecord } from './to-check-result-record.js';
 * const measurement = { kind: 'volume', subject: 'error-rate', value: 0.01, requestCount: 1000, errorCount: 10 } as const;
 * const at = new Date();
 * const record = toCheckResultRecord(measurement, createAlertPolicy().evaluate(measurement), {
 *   modelName: 'churn', modelVersion: '', segment: '', checkedAt: at, windowStart: new Date(at.getTime() - 3_600_000), windowEnd: at,
 * });
 * ```
 */
export function toCheckResultRecord(measurement: CheckMeasurement, evaluation: AlertEvaluation, context: CheckRunContext): CheckResultRecord {
  return {
    id: createPredictionId(context.checkedAt.getTime()),
    modelName: context.modelName,
    modelVersion: context.modelVersion,
    segment: context.segment,
    checkedAt: context.checkedAt,
    windowStart: context.windowStart,
    windowEnd: context.windowEnd,
    kind: measurement.kind,
    subject: measurement.subject,
    value: Number.isFinite(evaluation.value) ? evaluation.value : 0,
    severity: evaluation.severity,
    details: jsonSafe({
      ...evaluation.evidence,
      graded: evaluation.graded,
      ...(evaluation.reason === undefined ? {} : { reason: evaluation.reason }),
      summary: evaluation.summary,
    }) as Record<string, unknown>,
  };
}

/** Replaces non-finite numbers with null and drops undefined fields, as a JSON round trip would. */
function jsonSafe(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value instanceof Date) return value;
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) if (field !== undefined) copy[key] = jsonSafe(field);
    return copy;
  }
  return value;
}
