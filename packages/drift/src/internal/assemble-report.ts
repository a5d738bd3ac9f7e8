import { benjaminiHochberg } from '../benjamini-hochberg.js';
import { bonferroni } from '../bonferroni.js';
import type { ColumnDrift, DriftReport, DriftSeverity, SeverityThresholds } from '../drift-report.js';
import type { ResolvedCompareOptions } from './resolve-compare-options.js';

/** Everything measured about one column, before the report-wide correction and grading. */
export type ColumnEvidence = Omit<ColumnDrift, 'pValueAdjusted' | 'effect' | 'effectMetric' | 'severity' | 'thresholds' | 'drifted'>;

/**
 * Turns per-column evidence into a report: corrects the p-values across columns, grades the
 * effect into a severity, and marks a column drifted only when it is both significant after
 * correction and at least moderate in effect. Shared by raw-data and profile comparisons so
 * both apply the same rule.
 */
export function assembleReport(
  evidence: readonly ColumnEvidence[],
  rowCounts: DriftReport['rowCounts'],
  skipped: DriftReport['skipped'],
  options: ResolvedCompareOptions,
): DriftReport {
  const pValues = evidence.map((column) => column.pValue);
  const adjusted =
    options.correction === 'benjamini-hochberg'
      ? benjaminiHochberg(pValues)
      : options.correction === 'bonferroni'
        ? bonferroni(pValues)
        : pValues;
  const columns = evidence.map((column, index): ColumnDrift => {
    const thresholds = options.columnThresholds[column.name] ?? options.thresholds;
    const effect = effectOf(column, options.effectMetric);
    const severity = severityOf(effect, thresholds);
    const pValueAdjusted = adjusted[index]!;
    return {
      ...column,
      pValueAdjusted,
      effect,
      effectMetric: options.effectMetric,
      severity,
      thresholds,
      drifted: pValueAdjusted < options.alpha && severity !== 'stable',
    };
  });
  const driftedCount = columns.filter((column) => column.drifted).length;
  const driftShare = columns.length === 0 ? 0 : driftedCount / columns.length;
  return {
    drifted: columns.length > 0 && driftShare >= options.driftShareThreshold,
    driftShare,
    driftShareThreshold: options.driftShareThreshold,
    alpha: options.alpha,
    correction: options.correction,
    rowCounts,
    columns,
    skipped,
  };
}

function effectOf(column: ColumnEvidence, metric: ResolvedCompareOptions['effectMetric']): number {
  if (metric === 'jensen-shannon') return column.effects.jensenShannon;
  // Wasserstein has no meaning for categories; fall back to Jensen–Shannon, which shares its [0, 1] scale.
  if (metric === 'wasserstein') return column.effects.wassersteinNormalized ?? column.effects.jensenShannon;
  return column.effects.psi;
}

/** Grades an effect: below `moderate` is stable, above `drift` is drift, otherwise moderate. */
export function severityOf(effect: number, thresholds: SeverityThresholds): DriftSeverity {
  if (effect > thresholds.drift) return 'drift';
  if (effect >= thresholds.moderate) return 'moderate';
  return 'stable';
}
