import type { AlertSeverity } from '../records/check-result-record.js';
import type { ResolvedAlertRule } from './resolve-alert-policy-config.js';

/** A value graded against a rule: its severity and the threshold that decided it. */
export interface GradedValue {
  severity: AlertSeverity | 'OK';
  /** The threshold crossed, or the lowest threshold of the rule when none was. */
  threshold: number;
}

/**
 * Grades a value where higher is worse: the highest level whose threshold the value reaches
 * (`value ≥ threshold`), or `OK`.
 *
 * @example
 * ```ts
 * import { gradeValue } from './grade-value.js';
 * const rule = { info: undefined, warning: 0.1, critical: 0.25, hysteresis: { breachCount: 2, checkCount: 3, clearCount: 3 } };
 * gradeValue(0.3, rule); // { severity: 'CRITICAL', threshold: 0.25 }
 * gradeValue(0.05, rule); // { severity: 'OK', threshold: 0.1 }
 * ```
 */
export function gradeValue(value: number, rule: ResolvedAlertRule): GradedValue {
  if (rule.critical !== undefined && value >= rule.critical) return { severity: 'CRITICAL', threshold: rule.critical };
  if (rule.warning !== undefined && value >= rule.warning) return { severity: 'WARNING', threshold: rule.warning };
  if (rule.info !== undefined && value >= rule.info) return { severity: 'INFO', threshold: rule.info };
  return { severity: 'OK', threshold: rule.info ?? rule.warning ?? rule.critical ?? Number.NaN };
}
