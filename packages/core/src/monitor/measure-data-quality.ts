import type { CategoricalColumnProfile, DatasetProfile } from '@driftwatch/drift';
import type { FeatureSpec } from '../records/feature-spec.js';
import type { DataQualityMeasurement } from './check-measurement.js';
import { countOutsideRange } from './count-outside-range.js';

const unseenCategoryListLimit = 20;

/**
 * Data quality of each feature in a window, read from the window's merged profile and the
 * baseline profile (never from raw rows):
 * - missing rate: missing values over the window's rows, next to the baseline's rate;
 * - out-of-range share (numeric): values outside the feature spec's `range`, or else outside the
 *   baseline's [min, max], over the non-missing values — a lower bound from the quantile sketch
 *   (see `countOutsideRange`);
 * - unseen-category share (categorical): values whose category is not in the feature spec's
 *   `categories`, or else was never seen in the baseline, over the non-missing values. Values
 *   the profile pooled into `other` (past its category cap) count as unseen when the baseline
 *   pooled none.
 *
 * Features absent from the baseline's profile spec are left out.
 *
 * @example
 * ```ts
 * import { createProfileSpec, profileDataset } from '@driftwatch/drift';
 * import { measureDataQuality } from './measure-data-quality.js';
 * const spec = createProfileSpec({ tenure: [1, 10, 40] });
 * const baseline = profileDataset(spec, { tenure: [1, 10, 40] });
 * const window = profileDataset(spec, { tenure: [5, null, 90] });
 * measureDataQuality(baseline, window, ['tenure'], { tenure: { kind: 'numeric', range: [0, 72] } })[0]!.outOfRangeShare; // 0.5
 * ```
 */
export function measureDataQuality(
  baseline: DatasetProfile,
  current: DatasetProfile,
  features: readonly string[],
  featureSpec: FeatureSpec | undefined,
): DataQualityMeasurement[] {
  const indexByName = new Map(baseline.spec.columns.map((column, index) => [column.name, index]));
  const measurements: DataQualityMeasurement[] = [];
  for (const name of features) {
    const index = indexByName.get(name);
    if (index === undefined) continue;
    const reference = baseline.columns[index]!;
    const column = current.columns[index]!;
    const definition = featureSpec?.[name];
    const base = {
      kind: 'data-quality' as const,
      subject: name,
      rowCount: current.rowCount,
      missingRate: current.rowCount === 0 ? 0 : column.missing / current.rowCount,
      missingRateReference: baseline.rowCount === 0 ? 0 : reference.missing / baseline.rowCount,
    };
    if (column.kind === 'numeric' && reference.kind === 'numeric') {
      const declared = definition?.kind === 'numeric' ? definition.range : undefined;
      const range: readonly [number, number] | undefined =
        declared ?? (reference.count > 0 ? ([reference.min, reference.max] as const) : undefined);
      const outside = range === undefined ? 0 : countOutsideRange(column, range[0], range[1]);
      measurements.push({
        ...base,
        outOfRangeShare: column.count === 0 ? 0 : outside / column.count,
        range,
        allowedSource: declared !== undefined ? 'feature-spec' : range !== undefined ? 'baseline' : 'none',
        unseenCategoryShare: 0,
        unseenCategories: [],
      });
    } else if (column.kind === 'categorical' && reference.kind === 'categorical') {
      const declared = definition?.kind === 'categorical' ? definition.categories : undefined;
      const baselineCategories = declared === undefined ? seenCategories(baseline, index, reference) : undefined;
      const allowed = new Set(declared ?? baselineCategories);
      const unseen: Array<[string, number]> = [];
      let unseenCount = 0;
      forEachCategory(current, index, column, (category, count) => {
        if (count > 0 && !allowed.has(category)) {
          unseen.push([category, count]);
          unseenCount += count;
        }
      });
      // Names pooled past the category cap are unknown; count them as unseen unless the baseline pooled names too.
      if (declared !== undefined || reference.other === 0) unseenCount += column.other;
      unseen.sort((left, right) => right[1] - left[1] || (left[0] < right[0] ? -1 : left[0] > right[0] ? 1 : 0));
      measurements.push({
        ...base,
        outOfRangeShare: 0,
        range: undefined,
        allowedSource: declared !== undefined ? 'feature-spec' : 'baseline',
        unseenCategoryShare: column.count === 0 ? 0 : unseenCount / column.count,
        unseenCategories: unseen.slice(0, unseenCategoryListLimit).map(([category]) => category),
      });
    }
  }
  return measurements;
}

function seenCategories(profile: DatasetProfile, index: number, column: CategoricalColumnProfile): string[] {
  const seen: string[] = [];
  forEachCategory(profile, index, column, (category, count) => {
    if (count > 0) seen.push(category);
  });
  return seen;
}

function forEachCategory(
  profile: DatasetProfile,
  index: number,
  column: CategoricalColumnProfile,
  visit: (category: string, count: number) => void,
): void {
  const spec = profile.spec.columns[index]!;
  if (spec.kind === 'categorical') spec.categories.forEach((category, position) => visit(category, column.counts[position] ?? 0));
  column.extraCategories.forEach((category, position) => visit(category, column.extraCounts[position] ?? 0));
}
