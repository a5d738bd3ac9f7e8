import type { CheckResultRecord } from '@driftwatch/core';

/**
 * A check result as the pages show it.
 *
 * @example
 * ```ts
 * import type { CheckView } from './to-check-view.js';
 * const view: CheckView = { kind: 'latency', subject: 'p95', value: 120, severity: 'WARNING', summary: '', checkedAt: '', modelVersion: '', segment: '' };
 * ```
 */
export interface CheckView {
  kind: CheckResultRecord['kind'];
  subject: string;
  value: number;
  severity: CheckResultRecord['severity'];
  summary: string;
  checkedAt: string;
  modelVersion: string;
  segment: string;
}

/**
 * Turns a check result into a {@link CheckView}.
 *
 * @example
 * ```ts
 * import { toCheckView } from './to-check-view.js';
 * const at = new Date();
 * toCheckView({ id: '1', modelName: 'churn', modelVersion: '', segment: '', checkedAt: at, windowStart: at, windowEnd: at, kind: 'latency', subject: 'p95', value: 120, severity: 'OK', details: {} }).subject; // 'p95'
 * ```
 */
export function toCheckView(record: CheckResultRecord): CheckView {
  return {
    kind: record.kind,
    subject: record.subject,
    value: record.value,
    severity: record.severity,
    summary: typeof record.details.summary === 'string' ? record.details.summary : '',
    checkedAt: record.checkedAt.toISOString(),
    modelVersion: record.modelVersion,
    segment: record.segment,
  };
}
