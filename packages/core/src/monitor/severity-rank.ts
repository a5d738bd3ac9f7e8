import type { AlertSeverity } from '../records/check-result-record.js';

const ranks = { OK: 0, INFO: 1, WARNING: 2, CRITICAL: 3 } as const;

/**
 * Orders severities: `OK` 0, `INFO` 1, `WARNING` 2, `CRITICAL` 3.
 *
 * @example
 * ```ts
 * import { severityRank } from '@driftwatch/core';
 * severityRank('CRITICAL') > severityRank('WARNING'); // true
 * ```
 */
export function severityRank(severity: AlertSeverity | 'OK'): number {
  return ranks[severity];
}
