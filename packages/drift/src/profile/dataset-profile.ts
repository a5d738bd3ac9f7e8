import type { ProfileSpec } from './profile-spec.js';
import type { QuantileSketch } from './quantile-sketch.js';

/**
 * Summary of one numeric column. Missing means null, undefined, NaN, ±Infinity, blank or
 * non-numeric text, or a key absent from the row, so `count + missing` is the profile's row count.
 *
 * @example
 * ```ts
 * import { createProfileSpec, profileDataset, type NumericColumnProfile } from '@driftwatch/drift';
 * const spec = createProfileSpec({ amount: [1, 2, 3] });
 * const amount = profileDataset(spec, { amount: [2, 4, null] }).columns[0] as NumericColumnProfile;
 * const variance = amount.m2 / amount.count; // 1
 * ```
 */
export interface NumericColumnProfile {
  kind: 'numeric';
  /** Non-missing values. */
  count: number;
  missing: number;
  /** Smallest value; `Infinity` while `count` is 0. */
  min: number;
  /** Largest value; `-Infinity` while `count` is 0. */
  max: number;
  /** Mean of the values; 0 while `count` is 0. */
  mean: number;
  /** Sum of squared deviations from the mean (`variance · count`); merged with Chan et al.'s formula. */
  m2: number;
  /** Counts in the spec's right-closed bins: bin i holds values with exactly i cuts strictly below them. */
  histogram: number[];
  sketch: QuantileSketch;
}

/**
 * Summary of one categorical column. The spec's categories are always counted by name; other
 * categories are counted by name too up to `maxCategories` in all, keeping the code-point
 * smallest names, and the values of the remaining ones are counted in `other`.
 *
 * @example
 * ```ts
 * import { createProfileSpec, profileDataset, type CategoricalColumnProfile } from '@driftwatch/drift';
 * const spec = createProfileSpec({ plan: ['basic', 'pro'] });
 * const plan = profileDataset(spec, { plan: ['pro', 'team'] }).columns[0] as CategoricalColumnProfile;
 * plan.extraCategories; // ['team']
 * ```
 */
export interface CategoricalColumnProfile {
  kind: 'categorical';
  /** Non-missing values: `sum(counts) + sum(extraCounts) + other`. */
  count: number;
  missing: number;
  /** Counts of the spec's categories, in the spec's order. */
  counts: number[];
  /** Categories absent from the spec that are counted by name, ordered by code point. */
  extraCategories: string[];
  /** Counts of {@link CategoricalColumnProfile.extraCategories}, in the same order. */
  extraCounts: number[];
  /** Values of categories dropped by the `maxCategories` cap. */
  other: number;
}

/**
 * One column of a {@link DatasetProfile}, in the same position as its spec column.
 *
 * @example
 * ```ts
 * import { createProfileSpec, profileDataset, type ColumnProfile } from '@driftwatch/drift';
 * const spec = createProfileSpec({ amount: [1, 2, 3] });
 * const columns: ColumnProfile[] = profileDataset(spec, { amount: [4] }).columns;
 * ```
 */
export type ColumnProfile = NumericColumnProfile | CategoricalColumnProfile;

/**
 * A mergeable summary of a dataset, laid out by its {@link ProfileSpec}: `columns[i]` profiles
 * `spec.columns[i]`. Profiles of the same spec merge exactly (counts, histograms, sketches and
 * categories) or up to floating-point rounding (mean and m2) with `mergeProfiles`, and compare
 * with `compareProfiles` into the same report that `compareDatasets` gives.
 *
 * @example
 * ```ts
 * import { createProfileSpec, profileDataset, type DatasetProfile } from '@driftwatch/drift';
 * const spec = createProfileSpec({ amount: [1, 2, 3] });
 * const profile: DatasetProfile = profileDataset(spec, { amount: [2, 3, null] });
 * profile.rowCount; // 3
 * ```
 */
export interface DatasetProfile {
  spec: ProfileSpec;
  /** Rows profiled. */
  rowCount: number;
  columns: ColumnProfile[];
}
