import type { CheckKind } from '../records/check-result-record.js';

/** What identifies one incident. */
export interface AlertDedupeKeyParts {
  modelName: string;
  /** `''` when the Monitor covers every segment. */
  segment: string;
  kind: CheckKind;
  subject: string;
}

/**
 * The dedupe key of an incident: model + check + subject, and the segment when the Monitor
 * watches one segment. Alerts with the same key are one incident.
 *
 * @example
 * ```ts
 * import { alertDedupeKey } from './alert-dedupe-key.js';
 * alertDedupeKey({ modelName: 'churn', segment: '', kind: 'feature-drift', subject: 'tenure' }); // 'churn/feature-drift/tenure'
 * alertDedupeKey({ modelName: 'churn', segment: 'eu', kind: 'latency', subject: 'p95' }); // 'churn[eu]/latency/p95'
 * ```
 */
export function alertDedupeKey(parts: AlertDedupeKeyParts): string {
  const model = parts.segment === '' ? parts.modelName : `${parts.modelName}[${parts.segment}]`;
  return `${model}/${parts.kind}/${parts.subject}`;
}
