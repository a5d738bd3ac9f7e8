import type { AlertRecord } from '@driftwatch/core';

/** An alert as the pages show it. */
export interface AlertView {
  id: string;
  dedupeKey: string;
  modelVersion: string;
  severity: AlertRecord['severity'];
  status: AlertRecord['status'];
  title: string;
  message: string;
  createdAt: string;
  test: string;
  statistic: number | null;
  threshold: number | null;
  pValue: number | null;
  n: number | null;
  deliveries: Array<{ sink: string; ok: boolean; attempts: number; error?: string }>;
}

const finiteOrNull = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/**
 * Turns an alert into an {@link AlertView}: its evidence's headline numbers and its deliveries.
 *
 * @example
 * ```ts
 * import { toAlertView } from './to-alert-view.js';
 * const view = toAlertView({
 *   id: 'a1', dedupeKey: 'churn:latency:p95', modelName: 'churn', modelVersion: '', severity: 'WARNING', status: 'firing',
 *   title: 'p95 latency', message: '', evidence: { test: 'latency-p95', statistic: 240, threshold: 200, n: 900 }, createdAt: new Date(), deliveries: [],
 * });
 * view.statistic; // 240
 * ```
 */
export function toAlertView(record: AlertRecord): AlertView {
  const evidence = record.evidence ?? { test: '', statistic: Number.NaN, threshold: Number.NaN, n: 0 };
  return {
    id: record.id,
    dedupeKey: record.dedupeKey,
    modelVersion: record.modelVersion,
    severity: record.severity,
    status: record.status,
    title: record.title,
    message: record.message,
    createdAt: record.createdAt.toISOString(),
    test: String(evidence.test ?? ''),
    statistic: finiteOrNull(evidence.statistic),
    threshold: finiteOrNull(evidence.threshold),
    pValue: finiteOrNull(evidence.pValue),
    n: finiteOrNull(evidence.n),
    deliveries: (record.deliveries ?? []).map((delivery) => ({
      sink: delivery.sink,
      ok: delivery.ok,
      attempts: delivery.attempts,
      ...(delivery.error === undefined ? {} : { error: delivery.error }),
    })),
  };
}
