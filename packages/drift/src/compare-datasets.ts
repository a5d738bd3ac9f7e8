import { chiSquaredFromCounts } from './chi-squared-test.js';
import type { DriftReport } from './drift-report.js';
import { DriftwatchError } from './errors/driftwatch-error.js';
import { assembleReport, type ColumnEvidence } from './internal/assemble-report.js';
import { binCategoryCounts, binSortedNumeric } from './internal/binned-samples.js';
import { categoricalChartDistribution, numericChartDistribution } from './internal/chart-distribution.js';
import {
  categoricalColumn,
  decideKind,
  numericColumn,
  toColumns,
  type DatasetColumns,
  type DatasetInput,
  type KindDecision,
} from './internal/dataset-columns.js';
import { sortFloat64 } from './internal/sort-float64.js';
import { resolveCompareOptions, type DriftReportOptions, type ResolvedCompareOptions } from './internal/resolve-compare-options.js';
import { jensenShannonFromCounts } from './jensen-shannon.js';
import { ksTestSorted } from './ks-test.js';
import { psiFromCounts } from './psi.js';
import { wassersteinSorted } from './wasserstein.js';

export type { DatasetInput } from './internal/dataset-columns.js';

/** Options for {@link compareDatasets}. See `docs/important-defaults.md` for every default. */
export type CompareDatasetsOptions = DriftReportOptions;

/** Samples at or below this size per side get the exact KS null distribution, as scipy's 'auto' does. */
const exactKsLimit = 10_000;

/**
 * Compares two datasets column by column and returns a drift report.
 *
 * Each column gets a hypothesis test (two-sample KS for numeric columns, chi-squared for
 * categorical ones), p-values corrected across columns (Benjamini–Hochberg by default), and an
 * effect size graded into a severity (PSI bands 0.1 / 0.25 by default). A column drifts only
 * when it is significant after correction AND at least moderate in effect, so that a large
 * sample with a negligible shift raises no alarm. The dataset drifts when the share of drifted
 * columns reaches `driftShareThreshold`.
 *
 * @example
 * ```ts
 * import { compareDatasets } from '@driftwatch/drift';
 * const report = compareDatasets(
 *   [{ tenure: 1, contract: 'Monthly' }, { tenure: 40, contract: 'Two year' }],
 *   [{ tenure: 2, contract: 'Monthly' }, { tenure: 3, contract: 'Monthly' }],
 * );
 * console.log(report.drifted, report.columns.map((column) => column.severity));
 * ```
 */
export function compareDatasets(
  reference: DatasetInput,
  current: DatasetInput,
  options: CompareDatasetsOptions = {},
): DriftReport {
  const resolved = resolveCompareOptions(options);
  const referenceColumns = toColumns(reference, 'reference');
  const currentColumns = toColumns(current, 'current');
  for (const [role, data] of [['reference', referenceColumns], ['current', currentColumns]] as const) {
    if (data.rowCount === 0) {
      throw new DriftwatchError({ code: 'EMPTY_SAMPLE', message: `The ${role} dataset has no rows.`, details: { role } });
    }
  }
  checkNamedColumns(resolved, referenceColumns, currentColumns);

  const evidence: ColumnEvidence[] = [];
  const skipped: DriftReport['skipped'] = [];
  for (const name of referenceColumns.names) {
    if (resolved.exclude.has(name)) continue;
    const referenceColumn = referenceColumns.columns.get(name)!;
    const currentColumn = currentColumns.columns.get(name);
    if (currentColumn === undefined) {
      skipped.push({ name, reason: 'absent from the current data' });
      continue;
    }
    const decision = decideKind(name, [referenceColumn, currentColumn], resolved);
    const column =
      decision.kind === 'numeric'
        ? numericEvidence(name, decision, referenceColumn, currentColumn, referenceColumns.rowCount, currentColumns.rowCount)
        : categoricalEvidence(name, decision, referenceColumn, currentColumn, referenceColumns.rowCount, currentColumns.rowCount);
    if (typeof column === 'string') skipped.push({ name, reason: column });
    else evidence.push(column);
  }
  for (const name of currentColumns.names) {
    if (!resolved.exclude.has(name) && !referenceColumns.columns.has(name)) {
      skipped.push({ name, reason: 'absent from the reference data' });
    }
  }
  if (evidence.length === 0) {
    throw new DriftwatchError({
      code: 'EMPTY_SAMPLE',
      message: 'No column has usable values in both datasets.',
      details: { skipped },
    });
  }
  return assembleReport(
    evidence,
    { reference: referenceColumns.rowCount, current: currentColumns.rowCount },
    skipped,
    resolved,
  );
}

function checkNamedColumns(options: ResolvedCompareOptions, reference: DatasetColumns, current: DatasetColumns): void {
  const named = [...options.categorical, ...options.numeric, ...options.exclude, ...Object.keys(options.columnThresholds)];
  const unknown = named.filter((name) => !reference.columns.has(name) && !current.columns.has(name));
  if (unknown.length > 0) {
    throw new DriftwatchError({
      code: 'UNKNOWN_COLUMN',
      message: `Unknown column${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}.`,
      details: { columns: unknown, available: reference.names },
    });
  }
}

function numericEvidence(
  name: string,
  decision: KindDecision,
  referenceColumn: ArrayLike<unknown>,
  currentColumn: ArrayLike<unknown>,
  referenceRows: number,
  currentRows: number,
): ColumnEvidence | string {
  const reference = numericColumn(referenceColumn);
  const current = numericColumn(currentColumn);
  if (reference.values.length === 0) return 'no numeric values in the reference data';
  if (current.values.length === 0) return 'no numeric values in the current data';
  const sortedReference = sortFloat64(reference.values);
  const sortedCurrent = sortFloat64(current.values);
  const largest = Math.max(sortedReference.length, sortedCurrent.length);
  const ks = ksTestSorted(sortedReference, sortedCurrent, { method: 'auto' });
  const binned = binSortedNumeric(sortedReference, sortedCurrent);
  const moved = wassersteinSorted(sortedReference, sortedCurrent);
  const referenceMinimum = sortedReference[0]!;
  const referenceMaximum = sortedReference[sortedReference.length - 1]!;
  let outOfRange = 0;
  for (let index = 0; index < sortedCurrent.length && sortedCurrent[index]! < referenceMinimum; index++) outOfRange++;
  for (let index = sortedCurrent.length - 1; index >= 0 && sortedCurrent[index]! > referenceMaximum; index--) outOfRange++;
  return {
    name,
    kind: 'numeric',
    kindSource: decision.source,
    kindReason: decision.reason,
    test: 'ks',
    testReason:
      largest <= exactKsLimit
        ? `numeric: two-sample Kolmogorov–Smirnov, exact null distribution (both samples ≤ ${exactKsLimit.toLocaleString('en-US')})`
        : `numeric: two-sample Kolmogorov–Smirnov, ${ks.method} p-value (a sample exceeds ${exactKsLimit.toLocaleString('en-US')})`,
    statistic: ks.statistic,
    pValue: ks.pValue,
    effects: {
      psi: psiFromCounts(binned.referenceCounts, binned.currentCounts),
      jensenShannon: jensenShannonFromCounts(binned.referenceCounts, binned.currentCounts),
      wasserstein: moved.value,
      wassersteinNormalized: moved.normalized,
    },
    referenceCount: sortedReference.length,
    currentCount: sortedCurrent.length,
    quality: {
      missingRateReference: reference.missing / referenceRows,
      missingRateCurrent: current.missing / currentRows,
      outOfRangeShare: outOfRange / sortedCurrent.length,
      unseenCategories: [],
    },
    distribution: numericChartDistribution(sortedReference, sortedCurrent),
  };
}

function categoricalEvidence(
  name: string,
  decision: KindDecision,
  referenceColumn: ArrayLike<unknown>,
  currentColumn: ArrayLike<unknown>,
  referenceRows: number,
  currentRows: number,
): ColumnEvidence | string {
  const reference = categoricalColumn(referenceColumn);
  const current = categoricalColumn(currentColumn);
  if (reference.total === 0) return 'no values in the reference data';
  if (current.total === 0) return 'no values in the current data';
  const binned = binCategoryCounts(reference.counts, current.counts);
  const chiSquared = chiSquaredFromCounts(binned.referenceCounts, binned.currentCounts);
  const categories = binned.bins.kind === 'categorical' ? binned.bins.categories : [];
  return {
    name,
    kind: 'categorical',
    kindSource: decision.source,
    kindReason: decision.reason,
    test: 'chi-squared',
    testReason:
      categories.length === 2
        ? 'categorical, 2 categories: chi-squared test of homogeneity with Yates correction'
        : `categorical, ${categories.length} categories: chi-squared test of homogeneity on the 2×${categories.length} table`,
    statistic: chiSquared.statistic,
    pValue: chiSquared.pValue,
    effects: {
      psi: psiFromCounts(binned.referenceCounts, binned.currentCounts),
      jensenShannon: jensenShannonFromCounts(binned.referenceCounts, binned.currentCounts),
    },
    referenceCount: reference.total,
    currentCount: current.total,
    quality: {
      missingRateReference: reference.missing / referenceRows,
      missingRateCurrent: current.missing / currentRows,
      outOfRangeShare: 0,
      unseenCategories: categories.filter((category) => !reference.counts.has(category)),
    },
    distribution: categoricalChartDistribution(reference.counts, current.counts),
  };
}
