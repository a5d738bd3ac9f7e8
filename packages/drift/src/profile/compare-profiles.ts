import { chiSquaredFromCounts } from '../chi-squared-test.js';
import type { ColumnDistribution, DriftReport } from '../drift-report.js';
import { DriftwatchError } from '../errors/driftwatch-error.js';
import { assembleReport, type ColumnEvidence } from '../internal/assemble-report.js';
import { compareCodePoints } from '../internal/categorical-sample.js';
import { categoricalChartDistribution, otherCategoryLabel } from '../internal/chart-distribution.js';
import { resolveCompareOptions, type DriftReportOptions, type ResolvedCompareOptions } from '../internal/resolve-compare-options.js';
import { jensenShannonFromCounts } from '../jensen-shannon.js';
import { psiFromCounts } from '../psi.js';
import type { CategoricalColumnProfile, DatasetProfile, NumericColumnProfile } from './dataset-profile.js';
import { ksAsymptoticPValue } from './internal/ks-asymptotic-p-value.js';
import { sketchCountOutside, sketchKs, sketchWasserstein } from './internal/sketch-distances.js';
import type { CategoricalColumnSpec, ColumnSpec, NumericColumnSpec } from './profile-spec.js';

/**
 * Options for {@link compareProfiles}: those of `compareDatasets`.
 *
 * @example
 * ```ts
 * import type { CompareProfilesOptions } from '@driftwatch/drift';
 * const options: CompareProfilesOptions = { effectMetric: 'jensen-shannon', exclude: ['requestId'] };
 * ```
 */
export type CompareProfilesOptions = DriftReportOptions;

/** Categories a chart shows before pooling the rest, as the shared chart helper does. */
const chartCategoryLimit = 20;

/**
 * Compares two profiles of the same spec into the same {@link DriftReport} that
 * `compareDatasets` gives for raw data, graded and corrected by the same rule. A monitor calls
 * it with a reference profile and the merge of a day's minute profiles.
 *
 * Exact, equal to the raw-data statistics on the spec's bins: PSI and Jensen–Shannon for every
 * column, the chi-squared test for categorical columns, missing rates and counts. Approximate,
 * and said so in each column's `testReason`:
 * - numeric columns use a two-sample KS computed from the quantile sketches: D is the exact D of
 *   the values rounded to their sketch buckets (a lower bound; the reason gives the upper bound),
 *   and the p-value is the asymptotic one of `ksTest(…, { method: 'asymp' })`
 *   (`kstwo.sf(D, round(n·m/(n+m)))`), equal to it for the same D;
 * - Wasserstein comes from the sketches, within α·(mean|x| of both samples) of the exact distance;
 * - `outOfRangeShare` counts current sketch buckets wholly outside the reference's [min, max], a
 *   lower bound that is exact when nothing, or everything, lies outside;
 * - a categorical column whose category cap dropped names pools them, and names kept by only
 *   one profile while the other has dropped names, into one `(other)` bin.
 *
 * Numeric chart distributions are the PSI histogram (edges: the lower of both minima, the
 * spec's cuts, the higher of both maxima), not the equal-width chart of `compareDatasets`.
 * Options are those of `compareDatasets`; `categorical` and `numeric` can only confirm the
 * spec's kinds (a column declared otherwise is skipped with the reason), and `exclude` may name
 * columns the spec already left out. Throws `INCOMPATIBLE_PROFILES` for profiles of different
 * specs and `EMPTY_SAMPLE` when a profile has no rows or no column can be compared.
 *
 * @example
 * ```ts
 * import { compareProfiles, createProfileSpec, mergeProfiles, profileDataset } from '@driftwatch/drift';
 * const reference = { amount: [10, 12, 14, 16, 18, 20], plan: ['a', 'b', 'a', 'b', 'a', 'b'] };
 * const spec = createProfileSpec(reference);
 * const minutes = [
 *   profileDataset(spec, { amount: [30, 32], plan: ['a', 'a'] }),
 *   profileDataset(spec, { amount: [31, 35], plan: ['b', 'a'] }),
 * ];
 * const report = compareProfiles(profileDataset(spec, reference), mergeProfiles(...minutes));
 * report.columns.map((column) => [column.name, column.severity]);
 * ```
 */
export function compareProfiles(
  reference: DatasetProfile,
  current: DatasetProfile,
  options: CompareProfilesOptions = {},
): DriftReport {
  if (reference.spec.fingerprint !== current.spec.fingerprint) {
    throw new DriftwatchError({
      code: 'INCOMPATIBLE_PROFILES',
      message: `The reference profile has spec ${reference.spec.fingerprint} and the current one ${current.spec.fingerprint}; profiles compare only under the same spec.`,
      details: { reference: reference.spec.fingerprint, current: current.spec.fingerprint },
    });
  }
  const resolved = resolveCompareOptions(options);
  const spec = reference.spec;
  checkNamedColumns(resolved, spec.columns);
  for (const [role, profile] of [['reference', reference], ['current', current]] as const) {
    if (profile.rowCount === 0) {
      throw new DriftwatchError({ code: 'EMPTY_SAMPLE', message: `The ${role} profile has no rows.`, details: { role } });
    }
  }

  const evidence: ColumnEvidence[] = [];
  const skipped: DriftReport['skipped'] = [];
  spec.columns.forEach((column, index) => {
    if (resolved.exclude.has(column.name)) return;
    const declared = resolved.numeric.has(column.name)
      ? 'numeric'
      : resolved.categorical.has(column.name)
        ? 'categorical'
        : undefined;
    if (declared !== undefined && declared !== column.kind) {
      skipped.push({
        name: column.name,
        reason: `declared ${declared}, but the profile spec counts it as ${column.kind}; rebuild the spec with this declaration`,
      });
      return;
    }
    const kind = {
      kindSource: declared === undefined ? column.kindSource : ('declared' as const),
      kindReason: declared === undefined ? column.kindReason : `declared ${declared}`,
    };
    const rows = { reference: reference.rowCount, current: current.rowCount };
    // Profiles of one spec hold each column's kind at the spec column's position.
    const [referenceColumn, currentColumn] = [reference.columns[index], current.columns[index]];
    const result =
      column.kind === 'numeric'
        ? numericEvidence(column, kind, referenceColumn as NumericColumnProfile, currentColumn as NumericColumnProfile, rows)
        : categoricalEvidence(
            column,
            spec.maxCategories,
            kind,
            referenceColumn as CategoricalColumnProfile,
            currentColumn as CategoricalColumnProfile,
            rows,
          );
    if (typeof result === 'string') skipped.push({ name: column.name, reason: result });
    else evidence.push(result);
  });
  if (evidence.length === 0) {
    throw new DriftwatchError({ code: 'EMPTY_SAMPLE', message: 'No column has usable values in both profiles.', details: { skipped } });
  }
  return assembleReport(evidence, { reference: reference.rowCount, current: current.rowCount }, skipped, resolved);
}

type KindFields = Pick<ColumnEvidence, 'kindSource' | 'kindReason'>;
type RowCounts = DriftReport['rowCounts'];

function checkNamedColumns(options: ResolvedCompareOptions, columns: readonly ColumnSpec[]): void {
  const names = new Set(columns.map((column) => column.name));
  // `exclude` is left out: it may name columns that the spec already excluded.
  const named = [...options.categorical, ...options.numeric, ...Object.keys(options.columnThresholds)];
  const unknown = named.filter((name) => !names.has(name));
  if (unknown.length > 0) {
    throw new DriftwatchError({
      code: 'UNKNOWN_COLUMN',
      message: `Unknown column${unknown.length > 1 ? 's' : ''} (not in the profile spec): ${unknown.join(', ')}.`,
      details: { columns: unknown, available: [...names] },
    });
  }
}

function numericEvidence(
  column: NumericColumnSpec,
  kind: KindFields,
  reference: NumericColumnProfile,
  current: NumericColumnProfile,
  rows: RowCounts,
): ColumnEvidence | string {
  if (reference.count === 0) return 'no numeric values in the reference profile';
  if (current.count === 0) return 'no numeric values in the current profile';
  const ks = sketchKs(reference.sketch, current.sketch);
  const moved = sketchWasserstein(reference.sketch, current.sketch);
  const referenceDeviation = Math.sqrt(reference.m2 / reference.count);
  let outOfRange: number;
  if (current.min >= reference.min && current.max <= reference.max) outOfRange = 0;
  else if (current.max < reference.min || current.min > reference.max) outOfRange = current.count;
  else outOfRange = sketchCountOutside(current.sketch, reference.min, reference.max);
  const accuracy = `${Number((reference.sketch.relativeAccuracy * 100).toPrecision(3))}%`;
  return {
    name: column.name,
    kind: 'numeric',
    ...kind,
    test: 'ks',
    testReason:
      `numeric, from profiles: approximate two-sample Kolmogorov–Smirnov on quantile sketches (α = ${accuracy}); ` +
      `D is exact for values rounded to their buckets, the exact D lies in [${roundDown(ks.statistic)}, ${roundUp(ks.upperBound)}]; ` +
      'asymptotic p-value; Wasserstein from the sketches is approximate too',
    statistic: ks.statistic,
    pValue: ksAsymptoticPValue(ks.statistic, reference.count, current.count),
    effects: {
      psi: psiFromCounts(reference.histogram, current.histogram),
      jensenShannon: jensenShannonFromCounts(reference.histogram, current.histogram),
      wasserstein: moved,
      wassersteinNormalized: moved / Math.max(referenceDeviation, 0.001),
    },
    referenceCount: reference.count,
    currentCount: current.count,
    quality: {
      missingRateReference: reference.missing / rows.reference,
      missingRateCurrent: current.missing / rows.current,
      outOfRangeShare: outOfRange / current.count,
      unseenCategories: [],
    },
    distribution: {
      kind: 'numeric',
      edges: [
        Math.min(reference.min, current.min, column.cuts[0] ?? Infinity),
        ...column.cuts,
        Math.max(reference.max, current.max, column.cuts[column.cuts.length - 1] ?? -Infinity),
      ],
      referenceCounts: [...reference.histogram],
      currentCounts: [...current.histogram],
    },
  };
}

/** Bounds printed to four decimals, rounded outwards so that they still hold. */
function roundDown(value: number): string {
  return String(Math.floor(value * 1e4) / 1e4);
}

function roundUp(value: number): string {
  return String(Math.ceil(value * 1e4) / 1e4);
}

/** Both profiles' counts on shared bins; `known` is false for names a profile may have pooled into `other`. */
interface CategoryBins {
  categories: string[];
  referenceCounts: number[];
  currentCounts: number[];
  referenceOther: number;
  currentOther: number;
  /** Current categories with a reference count known to be 0. */
  unseen: string[];
}

/**
 * Puts both profiles on one set of bins. A name counted by both is a bin; a name counted by
 * one profile is a bin too when the other dropped nothing (its count there is exactly 0);
 * otherwise its count joins that profile's `other`, since the other profile may hold it there.
 * Without any cap hit this gives exactly the bins of `chiSquaredTest` on the raw data.
 */
function categoryBins(
  column: CategoricalColumnSpec,
  reference: CategoricalColumnProfile,
  current: CategoricalColumnProfile,
): CategoryBins {
  const referenceKnown = countsByName(column, reference);
  const currentKnown = countsByName(column, current);
  let referenceOther = reference.other;
  let currentOther = current.other;
  const names = new Set([...referenceKnown.keys(), ...currentKnown.keys()]);
  const shared: Array<[string, number, number]> = [];
  for (const name of names) {
    const referenceCount = referenceKnown.get(name) ?? (reference.other === 0 ? 0 : undefined);
    const currentCount = currentKnown.get(name) ?? (current.other === 0 ? 0 : undefined);
    if (referenceCount === undefined) currentOther += currentCount!;
    else if (currentCount === undefined) referenceOther += referenceCount;
    else if (referenceCount + currentCount > 0) shared.push([name, referenceCount, currentCount]);
  }
  shared.sort((left, right) => compareCodePoints(left[0], right[0]));
  return {
    categories: shared.map(([name]) => name),
    referenceCounts: shared.map(([, count]) => count),
    currentCounts: shared.map(([, , count]) => count),
    referenceOther,
    currentOther,
    unseen: shared.filter(([, referenceCount, currentCount]) => referenceCount === 0 && currentCount > 0).map(([name]) => name),
  };
}

function countsByName(column: CategoricalColumnSpec, profile: CategoricalColumnProfile): Map<string, number> {
  const counts = new Map<string, number>();
  column.categories.forEach((name, index) => counts.set(name, profile.counts[index]!));
  profile.extraCategories.forEach((name, index) => counts.set(name, profile.extraCounts[index]!));
  return counts;
}

function categoricalEvidence(
  column: CategoricalColumnSpec,
  maxCategories: number,
  kind: KindFields,
  reference: CategoricalColumnProfile,
  current: CategoricalColumnProfile,
  rows: RowCounts,
): ColumnEvidence | string {
  if (reference.count === 0) return 'no values in the reference profile';
  if (current.count === 0) return 'no values in the current profile';
  const bins = categoryBins(column, reference, current);
  const pooled = bins.referenceOther + bins.currentOther > 0;
  const referenceCounts = pooled ? [...bins.referenceCounts, bins.referenceOther] : bins.referenceCounts;
  const currentCounts = pooled ? [...bins.currentCounts, bins.currentOther] : bins.currentCounts;
  const binCount = referenceCounts.length;
  const chiSquared = chiSquaredFromCounts(referenceCounts, currentCounts);
  const test =
    binCount === 2
      ? 'categorical, 2 categories: chi-squared test of homogeneity with Yates correction'
      : `categorical, ${binCount} categories: chi-squared test of homogeneity on the 2×${binCount} table`;
  return {
    name: column.name,
    kind: 'categorical',
    ...kind,
    test: 'chi-squared',
    testReason: pooled
      ? `${test}, from profiles; approximate: categories dropped by the cap of ${maxCategories} are pooled into one ${otherCategoryLabel} bin`
      : `${test}, from profiles`,
    statistic: chiSquared.statistic,
    pValue: chiSquared.pValue,
    effects: {
      psi: psiFromCounts(referenceCounts, currentCounts),
      jensenShannon: jensenShannonFromCounts(referenceCounts, currentCounts),
    },
    referenceCount: reference.count,
    currentCount: current.count,
    quality: {
      missingRateReference: reference.missing / rows.reference,
      missingRateCurrent: current.missing / rows.current,
      outOfRangeShare: 0,
      unseenCategories: bins.unseen,
    },
    distribution: chartDistribution(bins),
  };
}

/** The shared chart helper's top categories, with the profiles' pooled `other` added to its `(other)` bar. */
function chartDistribution(bins: CategoryBins): ColumnDistribution {
  const reference = new Map(bins.categories.map((name, index) => [name, bins.referenceCounts[index]!]));
  const current = new Map(bins.categories.map((name, index) => [name, bins.currentCounts[index]!]));
  const chart = categoricalChartDistribution(reference, current);
  if (chart.kind !== 'categorical' || bins.referenceOther + bins.currentOther === 0) return chart;
  const last = chart.categories.length - 1;
  if (bins.categories.length > chartCategoryLimit && chart.categories[last] === otherCategoryLabel) {
    chart.referenceCounts[last]! += bins.referenceOther;
    chart.currentCounts[last]! += bins.currentOther;
  } else {
    chart.categories.push(otherCategoryLabel);
    chart.referenceCounts.push(bins.referenceOther);
    chart.currentCounts.push(bins.currentOther);
  }
  return chart;
}
