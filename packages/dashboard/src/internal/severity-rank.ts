import type { AlertSeverity } from '@driftwatch/core';

/** Severities from calm to loud; `OK` lowest. */
const severityOrder: readonly string[] = ['OK', 'INFO', 'WARNING', 'CRITICAL'];

/**
 * Ranks a severity for sorting: `OK` 0 … `CRITICAL` 3.
 *
 * @example
 * ```ts
 * import { severityRank } from './severity-rank.js';
 * severityRank('WARNING') > severityRank('INFO'); // true
 * ```
 */
export function severityRank(severity: AlertSeverity | 'OK'): number {
  return Math.max(0, severityOrder.indexOf(severity));
}
